/**
 * Rule documentation rendered from rule metadata: `docs/rules/<id>.md` per rule and the index
 * table `docs/rules/README.md`. `scripts/generate-rule-docs.ts` writes them; a test fails when
 * the committed files drift from this output.
 */
import { AREA_TITLES, RULE_AREAS, type RuleMeta } from './rule.js';
import { listRules } from './registry.js';
import { QUICK_FIX_RULES } from './fixable.js';

const SEVERITY_WORD: Readonly<Record<string, string>> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

/** The Markdown page of one rule. */
export function renderRuleDoc(meta: RuleMeta): string {
    const lines: string[] = [
        `# \`${meta.id}\``,
        '',
        `> ${meta.title}`,
        '',
        `| Area | Default severity | Quick fix | Reported by |`,
        `|---|---|---|---|`,
        `| ${AREA_TITLES[meta.area]} | ${SEVERITY_WORD[meta.severity]} | ${QUICK_FIX_RULES.has(meta.id) ? 'yes' : 'no'} | ${meta.source === 'rule' ? 'rule engine' : 'model builder'} |`,
        '',
        '## What it checks',
        '',
        meta.fires,
        '',
        '## Why',
        '',
        meta.rationale,
        '',
        '## Example',
        '',
        'Reports:',
        '',
        '```arch',
        meta.examples.invalid,
        '```',
        '',
        'Clean:',
        '',
        '```arch',
        meta.examples.valid,
        '```',
        '',
        '## Fix',
        '',
        meta.fix ? `${meta.fix}${QUICK_FIX_RULES.has(meta.id) ? ' The editor offers this as a quick fix.' : ''}` : 'Change the model as described above.',
        '',
        '## Options',
        '',
    ];
    const options = Object.entries(meta.options);
    if (options.length === 0) {
        lines.push('None.', '');
    } else {
        lines.push('| Option | Type | Default | Meaning |', '|---|---|---|---|');
        for (const [name, spec] of options) lines.push(`| \`${name}\` | ${spec.type} | \`${String(spec.default)}\` | ${spec.description} |`);
        lines.push('');
    }
    const example = options.length > 0
        ? `["${meta.severity}", { ${options.map(([name, spec]) => `"${name}": ${typeof spec.default === 'string' ? `"${spec.default}"` : String(spec.default)}`).join(', ')} }]`
        : '"off"';
    lines.push(
        '## Configuration',
        '',
        'In `archway.json`:',
        '',
        '```json',
        `{ "rules": { "${meta.id}": ${example} } }`,
        '```',
        '',
        meta.id === 'allow-without-reason'
            ? 'This finding cannot be suppressed with `@allow`; fix the annotation instead.'
            : `To accept a finding in one place, annotate the declaration, connection or zone: \`@allow(${meta.id}, "why this is acceptable here")\`.`,
        '',
        '[All rules](README.md)',
        '',
    );
    return lines.join('\n');
}

/** The index page: every rule in a table, by area. */
export function renderRulesIndex(): string {
    const rules = listRules();
    const lines: string[] = [
        '# Archway rules',
        '',
        '<!-- Generated from the rule metadata in src/rules by scripts/generate-rule-docs.ts; do not edit by hand. -->',
        '',
        `Archway checks a topology against ${rules.length} rules. Severities are the defaults of the \`recommended\` preset;`,
        '`strict` raises every info to a warning. Configure them in `archway.json`:',
        '',
        '```json',
        '{ "extends": "recommended",',
        '  "rules": { "gateway-missing-rate-limit": "off",',
        '             "sync-chain-too-deep": ["warning", { "maxDepth": 5 }] } }',
        '```',
        '',
        'and accept a single finding in place with `@allow(rule-id, "reason")` on a declaration, connection or zone.',
        '',
        '| Rule | Area | Severity | Fix | What it checks |',
        '|---|---|---|---|---|',
    ];
    for (const area of RULE_AREAS) {
        for (const meta of rules.filter(r => r.area === area)) {
            lines.push(`| [\`${meta.id}\`](${meta.id}.md) | ${AREA_TITLES[meta.area]} | ${meta.severity} | ${QUICK_FIX_RULES.has(meta.id) ? 'yes' : ''} | ${meta.title} |`);
        }
    }
    lines.push('');
    return lines.join('\n');
}

/** Every generated file: path relative to `docs/rules/` → content. */
export function renderAllRuleDocs(): Map<string, string> {
    const files = new Map<string, string>();
    files.set('README.md', renderRulesIndex());
    for (const meta of listRules()) files.set(`${meta.id}.md`, renderRuleDoc(meta));
    return files;
}
