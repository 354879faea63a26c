/**
 * Units of the typed literals: durations (`250ms 30s 15m 1h 7d 2w`), rates (`100/s 6000/min`)
 * and percentages (`99.9%`).
 */

const DURATION_UNITS: Readonly<Record<string, number>> = {
    ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};

const RATE_UNITS: Readonly<Record<string, number>> = {
    s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86_400,
};

/** Milliseconds of a duration literal, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)(ms|min|sec|s|m|h|d|w)$/.exec(text.trim());
    return match ? Number(match[1]) * DURATION_UNITS[match[2]] : undefined;
}

/** Events per second of a rate literal, or undefined when it is not one. */
export function parseRate(text: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)\/(sec|min|s|m|h|d)$/.exec(text.trim());
    return match ? Number(match[1]) / RATE_UNITS[match[2]] : undefined;
}

/** The number of a percentage literal (`99.9%` → 99.9), or undefined when it is not one. */
export function parsePercent(text: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
    return match ? Number(match[1]) : undefined;
}

/** Amount and unit of a quantity literal (`1000 items`). */
export function parseQuantity(text: string): { amount: number; unit: string } | undefined {
    const match = /^(\d+(?:\.\d+)?)\s+(\w+)$/.exec(text.trim());
    return match ? { amount: Number(match[1]), unit: match[2] } : undefined;
}

/** A human-readable duration: 900000 → `15m`. */
export function formatDuration(milliseconds: number): string {
    for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
        if (milliseconds >= size && milliseconds % size === 0) return `${milliseconds / size}${unit}`;
    }
    return `${milliseconds}ms`;
}
