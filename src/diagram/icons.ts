/**
 * The drawings of diagram nodes, drawn for Archway on a 24×24 grid as stroked paths (no fills,
 * no external references), so the renderer can colour them per theme. A component kind names
 * its drawing and colour group in the kinds table (`model/component-kinds.ts`).
 */
import { kindInfo, type ComponentKind, type KindCategory } from '../model/component-kinds.js';

/** What a diagram node shows: a component kind, a channel or a zone. */
export type IconName = ComponentKind | 'topic' | 'queue' | 'zone';

/**
 * Path data on a 24×24 grid by icon id (a kind's `icon` in the kinds table, `topic`, `queue`,
 * `zone`); all drawn with `fill="none"` and a round stroke.
 */
export const ICONS: Readonly<Record<string, string>> = {
    // monitor
    client: 'M3 4.5h18v11.5H3z M8 20h8 M12 16v4',
    // globe
    dns: 'M12 3a9 9 0 1 0 0.01 0z M12 3c-5 5-5 13 0 18 M12 3c5 5 5 13 0 18 M3.5 9h17 M3.5 15h17',
    // cloud with an edge arrow
    cdn: 'M7 18h10.5a3.5 3.5 0 0 0 .3-7A5.5 5.5 0 0 0 7.2 9.6 4.2 4.2 0 0 0 7 18z M10 14.5h5 M13 12.5l2 2-2 2',
    // one in, three out
    loadbalancer: 'M12 3.5a2.3 2.3 0 1 0 .01 0z M12 8v4 M12 12L5 17 M12 12v5 M12 12l7 5 M5 17.5a1.8 1.8 0 1 0 .01 0z M12 17.5a1.8 1.8 0 1 0 .01 0z M19 17.5a1.8 1.8 0 1 0 .01 0z',
    // archway
    gateway: 'M3.5 20.5h17 M5 20.5V10l7-5.5 7 5.5v10.5 M9 20.5v-5.5a3 3 0 0 1 6 0v5.5',
    // hexagon with a core
    service: 'M12 3l7.8 4.5v9L12 21l-7.8-4.5v-9z M12 9.5a2.5 2.5 0 1 0 .01 0z',
    // lambda
    function: 'M6.5 4.5h3.2l7.8 15 M12.2 10.5L6.5 19.5 M17.5 19.5h-1.8',
    // cylinder
    database: 'M5 6c0-1.4 3.1-2.5 7-2.5s7 1.1 7 2.5-3.1 2.5-7 2.5S5 7.4 5 6z M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6 M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5',
    // lightning
    cache: 'M13.5 3L5.5 13.5h6L10.5 21l8-10.5h-6z',
    // bucket
    storage: 'M4 6.5c0-1.4 3.6-2.5 8-2.5s8 1.1 8 2.5-3.6 2.5-8 2.5-8-1.1-8-2.5z M4 6.5l2 12c.3 1.4 2.9 2 6 2s5.7-.6 6-2l2-12',
    // envelope stack
    broker: 'M3 7.5h18v12H3z M3 8l9 6 9-6 M6 4.5h12',
    // stream of messages
    topic: 'M4 8h11 M4 12h14 M4 16h11 M17 6l3 2-3 2 M17 14l3 2-3 2',
    // queue: boxes in a line with an arrow
    queue: 'M3 9h4v6H3z M9 9h4v6H9z M15 9h4v6h-4z M20 12h2',
    // append-only ledger
    eventstore: 'M5 3.5h14v17H5z M8 7.5h8 M8 11h8 M8 14.5h8 M8 18h4',
    // funnel: extract, transform, load
    etl: 'M3.5 4.5h17l-6.5 7.5v6l-4 2.5V12z',
    // clock
    batch: 'M12 3a9 9 0 1 0 .01 0z M12 7v5.5l3.5 2',
    // waves
    stream: 'M3 8c3-2.7 6 2.7 9 0s6 2.7 9 0 M3 12.5c3-2.7 6 2.7 9 0s6 2.7 9 0 M3 17c3-2.7 6 2.7 9 0s6 2.7 9 0',
    // a workflow: one box directing two
    orchestrator: 'M9 3.5h6v5H9z M3 15.5h6v5H3z M15 15.5h6v5h-6z M12 8.5v3.5 M6 15.5V12h12v3.5',
    // three peers, fully connected
    peer: 'M12 3.2a2.5 2.5 0 1 0 .01 0z M5 15.5a2.5 2.5 0 1 0 .01 0z M19 15.5a2.5 2.5 0 1 0 .01 0z M10.8 7.8l-4.6 7.4 M13.2 7.8l4.6 7.4 M7.5 18h9',
    // shield with a check
    idp: 'M12 3l8 3v6c0 4.8-3.4 8-8 9-4.6-1-8-4.2-8-9V6z M8.5 12l2.5 2.5 4.5-5',
    // box with an outward arrow
    external: 'M14 3.5h6.5V10 M20.5 3.5L11 13 M18 14v6.5H3.5V6H10',
    // dashed frame
    zone: 'M3.5 3.5h17v17h-17z M3.5 8.5h17',
};

/** Colour groups of what is not a component. */
const OTHER_CATEGORY: Readonly<Record<string, KindCategory>> = { topic: 'messaging', queue: 'messaging', zone: 'outside' };

/** The colour group of a kind (its icon and border colour come from the theme). */
export function kindCategory(kind: IconName): KindCategory {
    return kindInfo(kind)?.category ?? OTHER_CATEGORY[kind] ?? 'outside';
}

/** The id of a node's drawing in `ICONS`. */
export function iconId(kind: IconName): string {
    return kindInfo(kind)?.icon ?? kind;
}

/**
 * An icon as an SVG `<path>` at (`x`, `y`), scaled to `size` px, stroked with `colour`.
 */
export function iconSvg(kind: IconName, x: number, y: number, size: number, colour: string): string {
    const scale = size / 24;
    const d = ICONS[iconId(kind)] ?? ICONS.external;
    return `<path transform="translate(${x} ${y}) scale(${fmt(scale)})" d="${d}" fill="none" stroke="${colour}" stroke-width="${fmt(1.7 / scale > 2.4 ? 2.4 : 1.7)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

/** A number with at most two decimals, without trailing zeros. */
export function fmt(value: number): string {
    const rounded = Math.round(value * 100) / 100;
    return Object.is(rounded, -0) ? '0' : String(rounded);
}
