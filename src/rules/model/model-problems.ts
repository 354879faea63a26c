/**
 * Metadata of the findings the model builder and the engine report themselves (they have no
 * `check` of their own, but share ids, severities, configuration and docs with the rules), and
 * of the one the command line's file reader reports (`unreadable-file`).
 */
import type { Finding } from '../../model/arch-model.js';
import { fix, rename, type FixIntent } from '../fix.js';
import type { ModelRule, RuleMeta } from '../rule.js';

function modelRule(meta: Omit<RuleMeta, 'source' | 'options' | 'area'>, fixesOf?: (finding: Finding) => FixIntent[], source: 'model' | 'reader' = 'model'): ModelRule {
    return { meta: { ...meta, area: 'model', options: {}, source }, ...(fixesOf ? { fixesOf } : {}) };
}

/** Rename to the builder's did-you-mean suggestion (`data.suggestion`), when it made one. */
function renameToSuggestion(title: (suggestion: string) => string): (finding: Finding) => FixIntent[] {
    return (finding) => {
        const suggestion = finding.data?.suggestion;
        return typeof suggestion === 'string' ? [fix(title(suggestion), rename(finding.location, suggestion))] : [];
    };
}

export const unresolvedReference = modelRule({
    id: 'unresolved-reference',
    severity: 'error',
    title: 'A reference names nothing declared (or something of the wrong kind).',
    rationale: 'A connection, route, `broker.topic` path or reference property that names nothing leaves a hole in the topology: every rule that follows it would be guessing. It is reported once, and rules skip the component whose reference failed.',
    fires: 'A connection end, `broker.topic` path, `route` target, view or flow element, or reference property names nothing declared; a warning when it names an element of the wrong kind (e.g. `origin:` → a `client`). The message suggests the closest declared id.',
    fix: 'Rename to the closest declared id; or create the missing component with the kind implied by use.',
    quickFix: ['rename'],
    examples: {
        invalid: 'service orders\nservice billing\norders -> biling : grpcs { timeout: 2s }',
        valid: 'service orders\nservice billing\norders -> billing : grpcs { timeout: 2s }',
    },
}, renameToSuggestion(suggestion => `Change to '${suggestion}'`));

export const duplicateId = modelRule({
    id: 'duplicate-id',
    severity: 'error',
    title: 'Two declarations share an id.',
    rationale: 'Ids are how connections, views, flows and `@allow` find elements; two elements with one id make every reference ambiguous. Both places are reported.',
    fires: 'Two declarations (components, zones, or channels of one broker) share an id anywhere in the model, imports included.',
    fix: 'Rename one of them.',
    examples: {
        invalid: 'service orders\ndatabase orders',
        valid: 'service orders\ndatabase ordersDb',
    },
});

export const unknownProperty = modelRule({
    id: 'unknown-property',
    severity: 'warning',
    title: 'A property the element\'s kind does not define.',
    rationale: 'Properties are typed per kind; an unknown one is usually a typo (`replica:` for `replicas:`) that silently turns a check off.',
    fires: 'A component, channel, zone, connection, view or nested block has a property its kind does not define. The message suggests the closest known property.',
    fix: 'Rename to the suggested property.',
    quickFix: ['rename'],
    examples: {
        invalid: 'service orders { replica: 2 }',
        valid: 'service orders { replicas: 2 }',
    },
}, renameToSuggestion(suggestion => `Rename to '${suggestion}'`));

export const invalidPropertyValue = modelRule({
    id: 'invalid-property-value',
    severity: 'error',
    title: 'A property value has the wrong type or unit.',
    rationale: 'Rules compare durations, rates and counts; a value without its unit (`rateLimit: 10`) or of the wrong type (`expiry: fast`) cannot be checked and usually is a mistake.',
    fires: 'A property value does not fit the property\'s type (duration, rate, number, boolean, enum word, reference, mode, list, block); also a property set twice (warning) and a topic or queue on a component that is not a broker.',
    examples: {
        invalid: 'gateway api { rateLimit: 10 }',
        valid: 'gateway api { rateLimit: 10/s }',
    },
});

export const unresolvedImport = modelRule({
    id: 'unresolved-import',
    severity: 'error',
    title: 'An import names a file that cannot be loaded.',
    rationale: 'Everything an import would bring in is missing, so references into it fail too; the import is the root cause to fix.',
    fires: 'An `import` path is empty, names a missing or unreadable file, a directory, or a file that is not `.arch`.',
    examples: {
        invalid: 'import "./missing.arch"\nservice orders',
        valid: 'service orders',
    },
});

export const importCycle = modelRule({
    id: 'import-cycle',
    severity: 'warning',
    title: 'Files import each other in a cycle.',
    rationale: 'Import cycles make it unclear which file owns a declaration; they work, but usually mean a shared part belongs in its own file.',
    fires: 'A file imports itself, or imports a file that imports it again, directly or through others.',
    examples: {
        invalid: 'import "./main.arch"\nservice orders',
        valid: 'service orders',
    },
});

export const unknownAnnotation = modelRule({
    id: 'unknown-annotation',
    severity: 'warning',
    title: 'An annotation other than @allow.',
    rationale: 'The only annotation is `@allow(rule-id, "reason")`; anything else has no effect and is probably a typo.',
    fires: 'A declaration or connection carries an annotation whose name is not `allow`.',
    examples: {
        invalid: '@alow(orphan-component, "kept for the migration")\nservice legacy',
        valid: '@allow(orphan-component, "kept for the migration")\nservice legacy',
    },
});

export const allowWithoutReason = modelRule({
    id: 'allow-without-reason',
    severity: 'warning',
    title: 'An @allow has no reason, or names an unknown rule id.',
    rationale: 'A suppression is a design decision; the reason is what a reviewer reads to accept it. An unknown rule id suppresses nothing and is usually a typo.',
    fires: '`@allow(rule-id)` without a reason string (the finding is still suppressed), or `@allow` naming a rule id that does not exist (with a did-you-mean suggestion).',
    quickFix: ['rename'],
    examples: {
        invalid: '@allow(orphan-component)\nservice legacy',
        valid: '@allow(orphan-component, "kept for the migration")\nservice legacy',
    },
});

export const unreadableFile = modelRule({
    id: 'unreadable-file',
    severity: 'error',
    title: 'A file that cannot be read as .arch text.',
    rationale: 'A file that is not checked hides every problem in it; saying so, as a finding about that file, keeps the rest of the run\'s report complete instead of stopping at the first bad file.',
    fires: '`archway check` finds a file (or folder) it cannot read as UTF-8 `.arch` text: a named pipe, socket or device, no permission, a symbolic link loop, a NUL byte (binary data, shown as `U+0000` in the example), bytes that are not UTF-8, or more than 5 MB. The finding is on the file, at the first bad byte when there is one; the other files are checked as usual.',
    fix: 'Save the file as UTF-8 text, give the reader permission, or move the file out of the checked folders.',
    examples: {
        invalid: 'service orders\n\u0000',
        valid: 'service orders',
    },
}, undefined, 'reader');
