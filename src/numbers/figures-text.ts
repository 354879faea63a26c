/**
 * The figures of a component, a connection and a flow in words, one line each, for hovers
 * (markdown: names in backticks) and reports: what the editor shows where the user points.
 */
import type { Connection, Flow, View } from '../model/arch-model.js';
import { describeAvailability, describeLatency, stepText } from './describe.js';
import type { ComponentNumbers } from './elements.js';
import { formatAvailability, formatMilliseconds, formatPercent, formatRate, formatShare } from './format.js';
import type { ModelNumbers } from './model-numbers.js';

const code = (text: string): string => `\`${text}\``;

/** How a component's availability comes about: `2 instances of 99.5 % each`. */
function availabilityBasis(c: ComponentNumbers): string {
    const instance = formatAvailability(c.instanceAvailability);
    const assumed = c.availabilityDeclared ? '' : ', assumed for its kind';
    switch (c.basis) {
        case 'client': return 'a client: not counted';
        case 'managed': return `the provider's figure for the service${assumed}`;
        case 'ha': return 'the highly-available setup as declared';
        case 'instances': return c.instances === 1 ? `one instance${assumed}` : `${c.instances} instances of ${instance} each${assumed}`;
    }
}

/** Lines about a component: availability (alone and with what it calls), latency, rates, time budget. */
export function componentFigureLines(n: ModelNumbers, id: string): string[] {
    const c = n.component(id);
    if (!c || c.basis === 'client') return [];
    const lines = [`Availability ${formatAvailability(c.availability)} (${availabilityBasis(c)})`];
    const worst = n.worstPath(id);
    if (worst.availabilityPath.length > 0) {
        const path = [id, ...worst.availabilityPath.map(p => p.target)].map(code).join(' → ');
        lines.push(`With what it calls: ${formatAvailability(worst.availability)} at worst (${path})`);
    }
    if (c.latency !== undefined) lines.push(`Latency ${formatMilliseconds(c.latency)}${c.latencyDeclared ? '' : ' (assumed for its kind)'}`);
    if (c.kind === 'cdn') lines.push(c.hitRatioDeclared ? `Hit ratio ${formatShare(c.hitRatio)}: misses go to the origin` : 'No `hitRatio`: every request counts as a miss');
    const admitted = n.admittedRate(id);
    if (admitted) {
        lines.push(admitted.perSecond === undefined
            ? 'Admits an unknown rate (no `rateLimit`, and a caller without a figure)'
            : `Admits ${formatRate(admitted.perSecond)} (${admitted.basis === 'rateLimit' ? 'its `rateLimit`' : admitted.callers.map(x => `${code(x.id)} ${formatRate(x.perSecond)}`).join(' + ')})`);
    }
    if (c.served !== undefined && c.capacity !== undefined) lines.push(`Serves ${formatRate(c.served)} (${formatRate(c.capacity)} × ${c.replicas})`);
    const budget = n.timeBudget(id);
    if (budget.known && budget.milliseconds > 0) {
        const call = budget.call ? `, waiting on ${code(`${budget.call.connection.source} -> ${budget.call.connection.target}`)}` : '';
        lines.push(`May spend ${formatMilliseconds(budget.milliseconds)} on a request${call}`);
    }
    return lines;
}

/** Lines about a connection: hop latency, timeout against the callee's budget, retry chain. */
export function connectionFigureLines(n: ModelNumbers, connection: Connection): string[] {
    if (connection.style !== 'sync') return ['Asynchronous: the caller does not wait, so it does not count against the request'];
    const c = n.connection(connection);
    const lines: string[] = [];
    if (c.latency !== undefined) lines.push(`Hop latency ${formatMilliseconds(c.latency)}`);
    const budget = n.timeBudget(connection.target);
    const spends = budget.known ? `; ${code(connection.target)} may spend ${formatMilliseconds(budget.milliseconds)}` : '';
    if (c.timeout !== undefined) {
        const attempts = c.retries > 0 ? ` × ${c.retries + 1} attempts = ${formatMilliseconds((c.retries + 1) * c.timeout)} at most` : '';
        lines.push(`Waits ${formatMilliseconds(c.timeout)}${attempts}${spends}`);
    } else if (budget.known) lines.push(`No timeout${spends}`);
    const amplification = n.retryAmplification(connection);
    if (amplification.factor > 1) {
        const end = amplification.connections[amplification.connections.length - 1].target;
        lines.push(`Retries: one request can reach ${code(end)} ${amplification.factor} times along ${amplification.connections.map(x => code(`${x.source} -> ${x.target}`)).join(', ')}`);
    }
    const caller = n.component(connection.source);
    const admitted = caller ? n.admittedRate(connection.source)?.perSecond : undefined;
    const served = n.component(connection.target)?.served;
    if (admitted !== undefined && served !== undefined) lines.push(`Admitted ${formatRate(admitted)} against ${formatRate(served)} served`);
    return lines;
}

/** Lines about a flow: availability and latency with their paths, against the SLO. */
export function flowFigureLines(n: ModelNumbers, flow: Flow): string[] {
    const f = n.flow(flow);
    if (!f.root) return [];
    const lines: string[] = [];
    const sloA = f.slo.availability;
    const verdictA = sloA === undefined ? '' : f.availability >= sloA ? ` — meets its SLO of ${formatPercent(sloA * 100)}` : ` — **below its SLO of ${formatPercent(sloA * 100)}**`;
    lines.push(`Availability ${formatAvailability(f.availability)}${verdictA}: ${describeAvailability(n.source, f)}`);
    if (f.latency !== undefined) {
        const sloL = f.slo.latency;
        const verdictL = sloL === undefined ? '' : f.latency <= sloL ? ` — meets its SLO of ${formatMilliseconds(sloL)}` : ` — **over its SLO of ${formatMilliseconds(sloL)}**`;
        lines.push(`Latency ${formatMilliseconds(f.latency)}${verdictL}: ${describeLatency(n.source, f)}`);
        if (f.slowest) lines.push(`Costs most: ${code(stepText(f.slowest))} (${formatMilliseconds(f.slowest.latency! * f.slowest.share)})`);
    } else lines.push('Latency unknown: nothing on the request declares a `latency`');
    if (f.decoupled.length > 0) lines.push(`Not counted (after an asynchronous step): ${f.decoupled.map(s => code(`${s.source} ${s.style === 'sync' ? '->' : '~>'} ${s.target}`)).join(', ')}`);
    return lines;
}

/** A view's figure: the least available path from the entry points it shows. */
export function viewFigureLines(n: ModelNumbers, view: View): string[] {
    const figure = n.view(view);
    if (!figure) return [];
    const path = [figure.entry, ...figure.path.availabilityPath.map(c => c.target)].map(code).join(' → ');
    return [`Availability ${formatAvailability(figure.path.availability)} on its least available path from an entry point (${path})`];
}
