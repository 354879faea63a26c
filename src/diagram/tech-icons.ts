/**
 * Technology marks: a component whose `technology:`, `engine:` or `vendor:` names a well-known
 * product (`postgres:16`, `PostgreSQL 15`, `redis/redis-stack`, `ASP.NET Core`) shows that
 * product's Simple Icons mark beside its kind icon. The mark comes only from the table
 * (`tech-icon-table.ts`) and the generated subset (`tech-icon-paths.ts`): model text picks a
 * row, it never reaches the path data.
 */
import { fmt } from './icons.js';
import { TECH_ICON_PATHS } from './tech-icon-paths.js';
import { TECH_ICON_TABLE, type TechIconRow } from './tech-icon-table.js';

/** The properties that may name a technology, in the order they are asked. */
export const TECH_PROPERTIES = ['technology', 'engine', 'vendor'] as const;

/**
 * The words of a value, lower case: split at anything but letters, digits, `.`, `+` and `#`
 * (`redis/redis-stack` → `redis`, `redis`, `stack`), each word also without trailing version
 * digits (`postgres16` → `postgres`) or a trailing dot.
 */
export function techWords(value: string): string[] {
    const words: string[] = [];
    for (const raw of value.toLowerCase().split(/[^a-z0-9.+#]+/)) {
        const word = raw.replace(/\.+$/, '');
        if (!word) continue;
        words.push(word);
        const bare = word.replace(/[\d.]+$/, '');
        if (bare && bare !== word) words.push(bare);
    }
    return words;
}

/** The table row naming `value`'s technology (the first row any of its words names), if any. */
export function techIconFor(value: string): TechIconRow | undefined {
    const words = new Set(techWords(value));
    if (words.size === 0) return undefined;
    return TECH_ICON_TABLE.find(row => row.words.some(word => words.has(word)) && TECH_ICON_PATHS[row.slug] !== undefined);
}

/** The first of `values` (in `TECH_PROPERTIES` order) that names a technology with a mark. */
export function techIconOfValues(values: readonly (string | undefined)[]): TechIconRow | undefined {
    for (const value of values) {
        const row = value === undefined ? undefined : techIconFor(value);
        if (row) return row;
    }
    return undefined;
}

/**
 * A mark as an SVG group at (`x`, `y`), `size` px square, filled with `colour` (one colour, so
 * every theme draws it), titled with the technology's name for hovers and screen readers.
 * Returns '' for a slug without a mark.
 */
export function techIconSvg(slug: string, x: number, y: number, size: number, colour: string): string {
    const d = TECH_ICON_PATHS[slug];
    const row = TECH_ICON_TABLE.find(r => r.slug === slug);
    if (d === undefined || row === undefined) return '';
    return `<g class="aw-tech" data-tech="${slug}" role="img" aria-label="${row.name}"><title>${row.name}</title>`
        + `<path transform="translate(${fmt(x)} ${fmt(y)}) scale(${fmt(size / 24)})" d="${d}" fill="${colour}"/></g>`;
}
