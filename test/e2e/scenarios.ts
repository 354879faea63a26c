/**
 * The end-to-end scenarios as data: which examples make up the workspace, what the editor
 * must show for them, and which edit must change what. Editor-independent on purpose, so
 * the code-server suite (vscode-web.e2e.ts) and a desktop `@vscode/test-electron` suite can
 * share them: the desktop one asserts the same things through the `vscode` API
 * (`languages.getDiagnostics`, `executeCompletionItemProvider`, `executeCommand`) instead
 * of through the DOM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Example folders copied into the temporary workspace (online-shop imports payments.arch). */
export const EXAMPLES = ['online-shop', 'media-site'];

/** The workspace's archway.json: one rule switched off, to prove the server reads it. */
export const DISABLED_RULE = 'sync-call-without-timeout';
export const ARCHWAY_JSON = {
    extends: 'recommended',
    rules: { [DISABLED_RULE]: 'off' },
};

/** The file the editor scenarios run in (multi-file: it imports ./payments.arch). */
export const MAIN_FILE = 'online-shop/shop.arch';
export const OTHER_FILES = ['online-shop/payments.arch', 'media-site/media.arch'];

/** Tokens whose TextMate scopes are checked: [text on a line, line pattern, scope pattern]. */
export const TOKEN_SCOPES: { token: string; line: RegExp; scope: RegExp }[] = [
    { token: 'gateway', line: /^\s*gateway api /, scope: /\bkeyword(\.[\w-]+)*\.arch\b/ },
    { token: '"API Gateway"', line: /^\s*gateway api /, scope: /\bstring(\.[\w-]+)*\.arch\b/ },
    { token: '//', line: /^\/\/ Online shop/, scope: /\bcomment(\.[\w-]+)*\.arch\b/ },
];

/** Component kinds a completion at the start of a top-level line must offer, with the prefix typed. */
export const COMPLETIONS: { prefix: string; expect: string }[] = [
    { prefix: 'se', expect: 'service' },
    { prefix: 'gat', expect: 'gateway' },
    { prefix: 'data', expect: 'database' },
];

/** Labels the preview of MAIN_FILE must draw, including one from the imported file. */
export const PREVIEW_LABELS = ['Web SPA', 'API Gateway', 'Order service', 'Orders DB', 'Kafka', 'Payment service'];

/** A node to click in the preview and the declaration the editor must select. */
export const CLICK_TARGET = { label: 'Orders DB', declaration: /^\s*database ordersDb\b/ };

/**
 * The edit: replace a whole line of MAIN_FILE. It must remove `removes` (a finding on that
 * line before the edit) and make the diagram show `newLabel` instead of `oldLabel`.
 */
export const EDIT = {
    line: /^\s*service billing "Billing"\s*$/,
    replacement: '  service billing "Billing Service" { replicas: 2 }',
    removes: 'single-point-of-failure',
    oldLabel: 'Billing',
    newLabel: 'Billing Service',
};

/** Where the export is written (relative to the workspace) and what it must contain. */
export const EXPORT = { file: 'online-shop/shop-e2e-export.svg', labels: ['API Gateway', 'Order service'] };

/** 1-based line of the first line of `text` matching `pattern`. */
export function lineOf(text: string, pattern: RegExp): number {
    const index = text.split(/\r?\n/).findIndex((l) => pattern.test(l));
    if (index < 0) throw new Error(`no line matches ${pattern}`);
    return index + 1;
}

export interface CliFinding { file: string; line: number; column: number; severity: string; code: string; message: string }

/**
 * What the CLI (`archway check --format json`) reports for the workspace: the editor must
 * show the same findings, since both read the same archway.json with the same engine.
 * Returns undefined when the CLI is not built.
 */
export function cliFindings(repoRoot: string, workspace: string): CliFinding[] | undefined {
    // For developing the harness against a stand-in extension: expectations from a file.
    if (process.env.ARCHWAY_E2E_EXPECTED) return (JSON.parse(readFileSync(process.env.ARCHWAY_E2E_EXPECTED, 'utf8')) as { diagnostics: CliFinding[] }).diagnostics;
    const cli = join(repoRoot, 'bin/archway.cjs');
    if (!existsSync(cli) || !existsSync(join(repoRoot, 'out/cli/main.cjs'))) return undefined;
    let stdout: string;
    try {
        stdout = execFileSync(process.execPath, [cli, 'check', workspace, '--format', 'json', '--config', join(workspace, 'archway.json')], {
            cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
        });
    } catch (e) {
        // Exit code 1 means "found errors"; the JSON is still on stdout.
        stdout = (e as { stdout?: string }).stdout ?? '';
    }
    const parsed = JSON.parse(stdout) as { diagnostics: CliFinding[] };
    return parsed.diagnostics;
}

export function read(path: string): string {
    return readFileSync(path, 'utf8');
}

/** A Markdown file beside the example with an arch block that imports ./payments.arch (issue 18, section 2). */
export const MARKDOWN_FILE = 'online-shop/CHECKOUT.md';
export const MARKDOWN_TEXT = `# Checkout

\`\`\`arch
architecture "Checkout"
import "./payments.arch"

client shopper "Checkout page"
shopper -> payments "pays" { protocol: https  timeout: 2s }
\`\`\`
`;
/** Labels the Markdown preview's diagram must show: the block's own and the imported file's. */
export const MARKDOWN_LABELS = ['Checkout page', 'Payment service', 'Card vault'];
