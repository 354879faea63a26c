/**
 * Rule documentation rendered from rule metadata: `docs/rules/<id>.md` per rule and the index
 * table `docs/rules/README.md`. `npm run generate` writes them; the freshness test fails when
 * the committed files drift from this output.
 */
import { AREA_TITLES, hasQuickFix, RULE_AREAS, type RuleMeta } from './rule.js';
import { listRules } from './registry.js';
import { escapeControlCharacters } from '../language/display-text.js';

const SEVERITY_WORD: Readonly<Record<string, string>> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

const REPORTED_BY: Readonly<Record<RuleMeta['source'], string>> = { rule: 'rule engine', model: 'model builder', reader: 'file reader (`archway check`)' };

/** The Markdown page of one rule. */
export function renderRuleDoc(meta: RuleMeta): string {
    const lines: string[] = [
        `# \`${meta.id}\``,
        '',
        `> ${meta.title}`,
        '',
        `| Area | Default severity | Quick fix | Reported by |`,
        `|---|---|---|---|`,
        `| ${AREA_TITLES[meta.area]} | ${SEVERITY_WORD[meta.severity]} | ${hasQuickFix(meta) ? 'yes' : 'no'} | ${REPORTED_BY[meta.source]} |`,
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
        ...(meta.examples.deployment ? [
            `With \`archway.json\` naming this ${meta.examples.deployment.format === 'compose' ? '`docker-compose.yml`' : 'Kubernetes manifest'} under \`"deployment"\`:`,
            '',
            '```yaml',
            meta.examples.deployment.text.trimEnd(),
            '```',
            '',
        ] : []),
        'Reports:',
        '',
        '```arch',
        meta.examples.invalid.split('\n').map(escapeControlCharacters).join('\n'),
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
        meta.fix ? `${meta.fix}${hasQuickFix(meta) ? ' The editor offers this as a quick fix.' : ''}` : 'Change the model as described above.',
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
            : meta.source === 'reader'
            ? 'This finding cannot be suppressed with `@allow` (the file is not read); fix the file or move it out of the checked folders.'
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
        '<!-- Generated from the rule metadata in src/rules by `npm run generate`; do not edit by hand. -->',
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
        'An `@allow` or setting naming a rule that another was split out of covers both: `jwt-missing-expiry` also covers `jwt-expiry-too-long`.',
        '',
        renderRulesTable(),
        '',
        '## Terms the rules use',
        '',
        '- *entry point*: a `client` outside any zone or in a `public` zone, or any component in a zone with `trust: public`. A client inside a `private` or `edge` zone (a load generator, an operator\'s tool, a cron caller) is internal traffic, not an entry point.',
        '- *user path*: a path of sync connections and gateway routes that starts at an entry point.',
        '- *crosses the public boundary*: one end of the connection is an entry point, or it is a CDN fetching from its origin.',
        '- *plaintext*: a protocol without TLS (`http`, `grpc`, `amqp`, `redis`, …). Not plaintext: DNS lookups and resolutions (unless the `dns` says `encrypted: true`), and connections with both ends in a zone with `mtls: true` (a service mesh encrypts them). A gateway route\'s protocol (`route "/api" -> svc : grpc`) is judged like a connection\'s.',
        '- *authenticated hop*: a request out of a gateway or load balancer is authenticated there by the route\'s own `auth` when it sets one (`auth: none` opens the route), else by the gateway\'s. `public: true` on a component or a route means anonymous on purpose.',
        '- *token policy*: the `expiry`, `refresh` and `revocation` of JWTs. An identity provider can declare it once (`issues: jwt { … }`); a `jwt` block naming it as `issuer` inherits what it does not set, and what it inherits is reported once, on the identity provider.',
        '- *one finding per root cause*: a setting that lives in one place is reported once there, with the affected elements as related information (dead-lettering per broker, plaintext inside the private network per zone, token policy per identity provider).',
        '',
    ];
    return lines.join('\n');
}

/** The rule table (id, area, default severity, quick fix, title); links are `<prefix><id>.md`. */
export function renderRulesTable(linkPrefix = ''): string {
    const lines = ['| Rule | Area | Severity | Fix | What it checks |', '|---|---|---|---|---|'];
    const rules = listRules();
    for (const area of RULE_AREAS) {
        for (const meta of rules.filter(r => r.area === area)) {
            lines.push(`| [\`${meta.id}\`](${linkPrefix}${meta.id}.md) | ${AREA_TITLES[meta.area]} | ${meta.severity} | ${hasQuickFix(meta) ? 'yes' : ''} | ${meta.title} |`);
        }
    }
    return lines.join('\n');
}

/** Start and end markers of the generated rule table in the project README. */
export const README_RULES_START = '<!-- rules:start (generated by npm run generate) -->';
export const README_RULES_END = '<!-- rules:end -->';

/**
 * The project README with its rule table replaced by the current one (and its start marker
 * written as `README_RULES_START`, whatever it said before). Throws when the README has no
 * markers, so that a lost marker fails the generator and the freshness test instead of
 * leaving a stale table.
 */
export function updateReadmeRules(readme: string): string {
    const start = /<!-- rules:start[^>]*-->/.exec(readme);
    const end = readme.indexOf(README_RULES_END);
    if (!start || end < start.index) throw new Error(`README.md has no '${README_RULES_START}' … '${README_RULES_END}' section.`);
    return `${readme.slice(0, start.index)}${README_RULES_START}\n${renderRulesTable('docs/rules/')}\n${readme.slice(end)}`;
}

/** Every generated file: path relative to `docs/rules/` → content. */
export function renderAllRuleDocs(): Map<string, string> {
    const files = new Map<string, string>();
    files.set('README.md', renderRulesIndex());
    for (const meta of listRules()) files.set(`${meta.id}.md`, renderRuleDoc(meta));
    return files;
}
