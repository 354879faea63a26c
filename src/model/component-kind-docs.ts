/**
 * What the kinds table (`component-kinds.ts`) writes into committed files: the editor snippets
 * (`snippets/arch.json`), the kinds table of the language reference (`docs/language.md`) and the
 * kinds list of the README. `npm run generate` writes them; the freshness test fails when a
 * committed file differs from what this renders.
 */
import { COMPONENT_KIND_INFO, COMPONENT_KINDS } from './component-kinds.js';

/** One VS Code snippet, as `snippets/arch.json` holds it. */
export interface EditorSnippet {
    prefix: string;
    body: string[];
    description: string;
}

/** Snippets of what is not a component kind, after the kinds' snippets. */
const OTHER_SNIPPETS: Readonly<Record<string, EditorSnippet>> = {
    zone: {
        prefix: 'zone',
        body: ['zone ${1:vpc} "${2:Platform VPC}" {', '\ttrust: ${3|private,edge,public|}', '\t$0', '}'],
        description: 'Archway: a zone (trust boundary) grouping components',
    },
    view: {
        prefix: 'view',
        body: ['view ${1:overview} "${2:Everything}" { include ${3:*} }', '$0'],
        description: 'Archway: a view selecting what a diagram shows',
    },
    'view with direction': {
        prefix: 'viewd',
        body: ['view ${1:path} "${2:Request path}" {', '\tinclude ${3:a, b}', '\tdirection: ${4|right,down,left,up|}', '}', '$0'],
        description: 'Archway: a view with a list of elements and a layout direction',
    },
    flow: {
        prefix: 'flow',
        body: ['flow ${1:checkout} "${2:Place an order}" {', '\t${3:browser} -> ${4:api} "${5:POST /orders}"', '\t$0', '}'],
        description: 'Archway: a numbered flow through the topology',
    },
    architecture: {
        prefix: 'architecture',
        body: ['architecture "${1:System name}"', '$0'],
        description: 'Archway: the file header naming the system',
    },
    allow: {
        prefix: '@allow',
        body: ['@allow(${1:rule-id}, "${2:reason}")'],
        description: 'Archway: suppress a rule here, with a reason',
    },
};

/** The snippets of the extension: one declaration per kind (from its row), then zones, views, flows… */
export function editorSnippets(): Record<string, EditorSnippet> {
    const result: Record<string, EditorSnippet> = {};
    for (const kind of COMPONENT_KINDS) {
        const { label, description, body } = COMPONENT_KIND_INFO[kind].snippet;
        const declaration = `${kind} \${1:${kind}Id} "\${2:${label}}"${body ? ` ${body}` : ''}`;
        result[kind] = { prefix: kind, body: [...declaration.split('\n'), '$0'], description: `Archway: ${description ?? label}` };
    }
    return { ...result, ...OTHER_SNIPPETS };
}

/** The text of `snippets/arch.json`. */
export function renderEditorSnippets(): string {
    return `${JSON.stringify(editorSnippets(), null, 2)}\n`;
}

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` (markers kept).
 * Throws when the markers are missing, so that a moved marker fails the generator loudly.
 */
export function replaceBetweenMarkers(text: string, name: string, content: string, file: string): string {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file} has no '${start}' … '${end}' section.`);
    return `${text.slice(0, from + start.length)}\n${content}${text.slice(to)}`;
}

/** The kinds table of the language reference: one row per kind with its doc line. */
export function renderKindTable(): string {
    const rows = COMPONENT_KINDS.map(kind => `| \`${kind}\` | ${COMPONENT_KIND_INFO[kind].doc.replaceAll('|', '\\|')} |`);
    return ['| kind | what it is |', '|---|---|', ...rows, ''].join('\n');
}

/** `docs/language.md` with its kinds table regenerated. */
export function updateLanguageKinds(markdown: string): string {
    return replaceBetweenMarkers(markdown, 'kinds', renderKindTable(), 'docs/language.md');
}

/** `README.md` with its one-line list of kinds regenerated. */
export function updateReadmeKinds(markdown: string): string {
    // Indented as the README's list item that holds it.
    const list = COMPONENT_KINDS.map(kind => `\`${kind}\``).join(' ');
    return replaceBetweenMarkers(markdown, 'kinds', `  ${list}\n  `, 'README.md');
}

/** Keywords the Emacs mode of `docs/other-editors.md` highlights besides the kinds. */
const OTHER_HIGHLIGHTED = ['zone', 'topic', 'queue', 'route', 'view', 'flow', 'include', 'exclude', 'import', 'architecture'];

/** `docs/other-editors.md` with the keyword pattern of its Emacs mode regenerated (kinds first). */
export function updateEditorKeywords(markdown: string): string {
    const pattern = /(\\\\_<\\\\\()[a-z\\|]*(\\\\\)\\\\_>)/;
    if (!pattern.test(markdown)) throw new Error('docs/other-editors.md has no Emacs keyword pattern (\\\\_<\\\\(…\\\\)\\\\_>).');
    const words = [...COMPONENT_KINDS, ...OTHER_HIGHLIGHTED].join('\\\\|');
    return markdown.replace(pattern, (_, open: string, close: string) => `${open}${words}${close}`);
}
