/**
 * What the editor knows about the language beyond the grammar and the kinds table: one-line
 * descriptions of the other keywords, and rule metadata (from the rule registry) for `@allow(`
 * completion and hover.
 */
import { COMPONENT_KIND_INFO, type ComponentKind } from '../model/component-kinds.js';
import { listRules } from '../rules/registry.js';

/** The facts about a rule the editor shows. */
export interface RuleInfo {
    id: string;
    area: string;
    severity: string;
    /** One line: what the rule checks. */
    title: string;
    /** Why the rule exists. */
    rationale: string;
    /** When it fires. */
    fires: string;
}

/** Descriptions of the other keywords. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
    zone: 'A trust zone: groups components and gives them a trust level (`trust: public | edge | private`). Zones nest and are drawn as containers.',
    topic: 'A pub-sub topic of a broker: every subscriber gets every message. Referenced as `broker.topic`.',
    queue: 'A point-to-point queue of a broker: each message goes to one consumer. Referenced as `broker.queue`.',
    route: 'A gateway route: `route "/path" -> service` is a synchronous connection from the gateway.',
    view: 'A view selects what a diagram shows: `include *`, `include a, b`, `exclude c`, `direction: down`.',
    flow: 'A flow is a numbered path through the topology; each step must match a declared connection.',
    include: 'Adds elements (or `*`, everything) to the view.',
    exclude: 'Leaves elements out of the view.',
    import: 'Makes the declarations of another `.arch` file visible here.',
    architecture: 'Names the system described by this file.',
};

/** Every known rule, in catalogue order (from the rule registry). */
export function allRules(): readonly RuleInfo[] {
    return listRules();
}

/** One rule by id. */
export function findRule(id: string): RuleInfo | undefined {
    return allRules().find(rule => rule.id === id);
}

/** Rules that concern a kind: its area's rules and rules whose description names it. */
export function rulesForKind(kind: ComponentKind): RuleInfo[] {
    const info = COMPONENT_KIND_INFO[kind];
    const areas = info.ruleAreas ?? [];
    const words = [kind, ...(info.noun.toLowerCase() === kind ? [] : [info.noun]), ...info.ruleWords ?? []];
    const patterns = words.map(word => new RegExp(`(^|[^\\w-])\`?${word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}s?\`?([^\\w-]|$)`, 'i'));
    return allRules().filter(rule => rule.area !== 'model'
        && (areas.includes(rule.area) || patterns.some(pattern => pattern.test(rule.title || rule.fires))));
}
