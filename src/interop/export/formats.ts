/**
 * The formats of other tools Archway exports to, and what each writes: a neutral module (no
 * exporter in it), so the command line can tell what an export will need before loading them.
 */

/** Formats of other tools Archway exports to. */
export const INTEROP_FORMATS = ['mermaid', 'drawio', 'd2', 'likec4', 'structurizr'] as const;
export type InteropFormat = typeof INTEROP_FORMATS[number];

/** What each format writes, and the file extension it is written with. */
export const INTEROP_FORMAT_INFO: Readonly<Record<InteropFormat, { extension: string; scope: 'view' | 'model'; tool: string }>> = {
    mermaid: { extension: 'mmd', scope: 'view', tool: 'Mermaid flowchart' },
    drawio: { extension: 'drawio', scope: 'view', tool: 'draw.io / diagrams.net' },
    d2: { extension: 'd2', scope: 'model', tool: 'D2' },
    likec4: { extension: 'c4', scope: 'model', tool: 'LikeC4' },
    structurizr: { extension: 'dsl', scope: 'model', tool: 'Structurizr DSL' },
};

/** True for a format name of another tool. */
export function isInteropFormat(format: string): format is InteropFormat {
    return (INTEROP_FORMATS as readonly string[]).includes(format);
}
