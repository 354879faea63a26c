/**
 * Every flow's figures as data and as a table: the `figures` section of `archway check
 * --format json` and the table `archway report` prints (docs/numbers.md).
 */
import type { Flow } from '../model/arch-model.js';
import { describeAvailability, describeLatency, stepText } from './describe.js';
import { formatAvailability, formatMilliseconds, formatPercent } from './format.js';
import type { ModelNumbers } from './model-numbers.js';

/** The figures of one flow, for reports. Availabilities are fractions, latencies milliseconds. */
export interface FlowReport {
    flow: string;
    label: string | null;
    /** Where the flow is declared: its URI and 1-based line. */
    uri: string;
    line: number;
    availability: {
        value: number;
        text: string;
        path: string;
        slo: number | null;
        /** Whether it meets its SLO; null without one. */
        meets: boolean | null;
        /** The counted element with the lowest availability. */
        weakest: { element: string; availability: number; text: string } | null;
    };
    latency: {
        /** Null when nothing on the request declares a latency. */
        milliseconds: number | null;
        text: string | null;
        path: string;
        slo: number | null;
        meets: boolean | null;
        /** The step that adds the most (weighted by the share of requests that reach it). */
        costliest: { step: string; milliseconds: number; text: string } | null;
        /** Elements and hops on the request without a latency (counted as 0). */
        unknown: string[];
    };
    /** Steps after an asynchronous hop: decoupled from the request, not counted. */
    decoupled: string[];
}

/** The report of one flow. */
export function flowReport(n: ModelNumbers, flow: Flow): FlowReport {
    const f = n.flow(flow);
    const sloA = f.slo.availability ?? null;
    const sloL = f.slo.latency ?? null;
    const costliest = f.slowest ? f.slowest.latency! * f.slowest.share : undefined;
    return {
        flow: flow.id,
        label: flow.label ?? null,
        uri: flow.location.uri,
        line: flow.location.range.start.line + 1,
        availability: {
            value: f.availability,
            text: formatAvailability(f.availability),
            path: describeAvailability(n.source, f),
            slo: sloA,
            meets: sloA === null ? null : f.availability >= sloA,
            weakest: f.weakest ? { element: f.weakest.element, availability: f.weakest.availability, text: formatAvailability(f.weakest.availability) } : null,
        },
        latency: {
            milliseconds: f.latency ?? null,
            text: f.latency === undefined ? null : formatMilliseconds(f.latency),
            path: describeLatency(n.source, f),
            slo: sloL,
            meets: sloL === null || f.latency === undefined ? null : f.latency <= sloL,
            costliest: f.slowest && costliest !== undefined ? { step: stepText(f.slowest), milliseconds: costliest, text: formatMilliseconds(costliest) } : null,
            unknown: f.missingLatency,
        },
        decoupled: f.decoupled.map(s => `${s.source} ${s.style === 'sync' ? '->' : '~>'} ${s.target}`),
    };
}

/** `98.99 %` against `99.9 %`: the figure, and the objective with ✓ or ✗. */
function against(text: string | null, slo: string | null, meets: boolean | null): [string, string] {
    return [text ?? '?', slo === null ? '—' : `${slo} ${meets === null ? '' : meets ? '✓' : '✗'}`.trim()];
}

/** A markdown table of flows: availability and latency against their SLOs, the weakest element and the step that costs most. */
export function formatFlowTable(reports: readonly FlowReport[]): string {
    const escape = (text: string): string => text.replace(/\|/g, '\\|');
    const lines = [
        '| Flow | Availability | SLO | Latency | SLO | Weakest | Costs most |',
        '|---|---|---|---|---|---|---|',
    ];
    for (const r of reports) {
        const [a, aSlo] = against(r.availability.text, r.availability.slo === null ? null : formatPercent(r.availability.slo * 100), r.availability.meets);
        const [l, lSlo] = against(r.latency.text, r.latency.slo === null ? null : formatMilliseconds(r.latency.slo), r.latency.meets);
        const weakest = r.availability.weakest ? `\`${r.availability.weakest.element}\` ${r.availability.weakest.text}` : '—';
        const costliest = r.latency.costliest ? `\`${r.latency.costliest.step}\` ${r.latency.costliest.text}` : '—';
        lines.push(`| ${escape(r.flow)} | ${a} | ${aSlo} | ${l} | ${lSlo} | ${escape(weakest)} | ${escape(costliest)} |`);
    }
    return lines.join('\n') + '\n';
}
