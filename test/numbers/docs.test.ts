/**
 * docs/numbers.md recomputed: every `.arch` example of the page parses without problems, and
 * every figure its "Archway computes" list states is what the numbers module prints for that
 * model. The table of assumed availabilities is the schema's. A change to a formula or to the
 * formatting that the page does not follow fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_KINDS } from '../../src/model/arch-model.js';
import { DEFAULT_AVAILABILITY } from '../../src/model/schema/property-schema.js';
import { describeAvailability, describeLatency } from '../../src/numbers/describe.js';
import { formatAvailability, formatMilliseconds, formatRate } from '../../src/numbers/format.js';
import { numbersOf, type ModelNumbers } from '../../src/numbers/model-numbers.js';
import { parseConfig } from '../../src/rules/config.js';
import { modelOf } from '../rules/rule-tester.js';

const PAGE = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'numbers.md'), 'utf8');

/** One stated figure: `- \`subject\` what: \`figure\`` with an optional `(\`path\`)`. */
interface Stated { subject: string; what: string; figure: string; path: string | undefined; line: string }

const FIGURE = /^- `([^`]+)` (availability|latency|time budget|retry amplification|admits|serves): `([^`]+)`(?: \(`([^`]+)`\))?$/;

/** The `.arch` examples of the page, each with the figures stated before the next example. */
function examples(): { code: string; stated: Stated[] }[] {
    const parts = PAGE.split(/^```arch\n/m).slice(1);
    return parts.map(part => {
        const [code, after] = part.split(/^```$/m);
        const stated = after.split('\n').filter(line => line.startsWith('- `')).map(line => {
            const match = FIGURE.exec(line);
            expect(match, `a figure line of docs/numbers.md: ${line}`).not.toBeNull();
            return { subject: match![1], what: match![2], figure: match![3], path: match![4], line };
        });
        return { code, stated };
    });
}

/** What Archway prints for a stated figure, and for its path. */
function computed(n: ModelNumbers, stated: Stated): { figure: string | undefined; path?: string } {
    const flow = n.model.flows.find(f => f.id === stated.subject);
    if (flow) {
        const figures = n.flow(flow);
        if (stated.what === 'availability') return { figure: formatAvailability(figures.availability), path: describeAvailability(n.source, figures) };
        if (stated.what === 'latency') return { figure: figures.latency === undefined ? undefined : formatMilliseconds(figures.latency), path: describeLatency(n.source, figures) };
    }
    const connection = n.model.connections.find(c => `${c.source} -> ${c.target}` === stated.subject);
    if (connection && stated.what === 'retry amplification') return { figure: String(n.retryAmplification(connection).factor) };
    const component = n.component(stated.subject);
    if (component) {
        switch (stated.what) {
            case 'availability': return { figure: formatAvailability(component.availability) };
            case 'time budget': return { figure: formatMilliseconds(n.timeBudget(stated.subject).milliseconds) };
            case 'admits': { const rate = n.admittedRate(stated.subject)?.perSecond; return { figure: rate === undefined ? undefined : formatRate(rate) }; }
            case 'serves': return { figure: component.served === undefined ? undefined : formatRate(component.served) };
        }
    }
    throw new Error(`docs/numbers.md states a figure Archway does not compute: ${stated.line}`);
}

describe('docs/numbers.md', () => {
    const all = examples();

    it('has examples, each with figures', () => {
        expect(all.length).toBeGreaterThanOrEqual(8);
        for (const example of all) expect(example.stated.length, example.code).toBeGreaterThan(0);
    });

    all.forEach((example, i) => {
        it(`example ${i + 1} (${example.stated.map(s => `${s.subject} ${s.what}`).join(', ')}): the figures are the module's`, async () => {
            const model = await modelOf(example.code);
            expect(model.problems.map(p => p.message)).toEqual([]);
            const n = numbersOf(model);
            for (const stated of example.stated) {
                const actual = computed(n, stated);
                expect(actual.figure, stated.line).toBe(stated.figure);
                if (stated.path !== undefined) expect(actual.path, stated.line).toBe(stated.path);
            }
        });
    });

    it('lists the availability assumed for every kind, as the schema has it', () => {
        const rows = [...PAGE.matchAll(/^\| `(\w+)` \| ([\d.]+) % \|$/gm)].map(m => [m[1], Number(m[2])] as const);
        expect(Object.fromEntries(rows)).toEqual({ ...DEFAULT_AVAILABILITY });
        expect(rows.map(([kind]) => kind).sort()).toEqual([...COMPONENT_KINDS].sort());
    });

    it('shows an archway.json numbers section the configuration accepts', () => {
        const json = /```json\n([\s\S]*?)```/.exec(PAGE)![1];
        expect(parseConfig(json).errors).toEqual([]);
    });
});
