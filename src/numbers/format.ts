/**
 * Numbers in words for messages, hovers, labels and reports: availabilities (`99.95 %`),
 * latencies (`250ms`, `1.5s`) and rates (`200/s`). Computed availabilities are truncated,
 * never rounded up, so a figure below an objective never prints as meeting it.
 */

/** A percentage as written: 99.9 → `99.9 %`. */
export function formatPercent(percent: number): string {
    return `${Number(percent.toFixed(6))} %`;
}

/**
 * An availability (a fraction): exact short values as they are (`99.5 %`, `99.9975 %`,
 * `100 %`); computed ones truncated to two decimals, or one more than the nines after
 * `99.` so that the nines show (`99.40 %`, `99.9994 %`).
 */
export function formatAvailability(fraction: number): string {
    const percent = fraction * 100;
    for (let decimals = 0; decimals <= 4; decimals++) {
        const scaled = percent * 10 ** decimals;
        if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return `${(Math.round(scaled) / 10 ** decimals).toFixed(decimals)} %`;
    }
    const nines = Math.floor(percent) === 99 ? /^9*/.exec(percent.toFixed(10).split('.')[1])![0].length : 0;
    const decimals = Math.min(8, Math.max(2, nines + 1));
    const text = (Math.floor(percent * 10 ** decimals + 1e-7) / 10 ** decimals).toFixed(decimals);
    return `${text.replace(/(\.\d\d\d*?)0+$/, '$1')} %`;
}

/** A latency or timeout in ms: `250ms`, `2.5ms`, `1.5s`, `2m`. */
export function formatMilliseconds(ms: number): string {
    if (ms < 1000) return `${trim(ms, ms < 10 ? 1 : 0)}ms`;
    if (ms % 60_000 === 0) return `${ms / 60_000}m`;
    return `${trim(ms / 1000, 2)}s`;
}

/** A rate in requests per second: `200/s`, `100/min`, `16.7/s`. */
export function formatRate(perSecond: number): string {
    if (Math.abs(perSecond - Math.round(perSecond)) < 1e-9) return `${Math.round(perSecond)}/s`;
    const perMinute = perSecond * 60;
    if (Math.abs(perMinute - Math.round(perMinute)) < 1e-6) return `${Math.round(perMinute)}/min`;
    return `${trim(perSecond, 1)}/s`;
}

/** A share (a fraction) as a whole or one-decimal percentage: `90 %`, `12.5 %`. */
export function formatShare(fraction: number): string {
    return `${trim(fraction * 100, 1)} %`;
}

/** A number with at most `decimals` decimals, trailing zeros dropped. */
function trim(value: number, decimals: number): string {
    return String(Number(value.toFixed(decimals)));
}
