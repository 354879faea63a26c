/**
 * The drawings of Markdown arch blocks, keyed by the Markdown file and the block's text: the
 * first lookup starts the drawing, `onReady` runs when it is done (the extension refreshes the
 * Markdown preview then), later lookups find it. Bounded: the least recently used go first.
 */
import type { BlockDiagram, BlockDiagrams } from './markdown-arch-plugin.js';

/** Draws one block: its text, and the Markdown file its imports are relative to. */
export type DrawBlock = (source: string, markdownUri: string | undefined) => Promise<BlockDiagram>;

const MAX_ENTRIES = 64;

export class BlockDiagramCache implements BlockDiagrams {
    private readonly ready = new Map<string, BlockDiagram>();
    private readonly drawing = new Set<string>();

    constructor(private readonly draw: DrawBlock, private readonly onReady: () => void) {}

    get(source: string, markdownUri: string | undefined): BlockDiagram | undefined {
        const key = `${markdownUri ?? ''}\n${source}`;
        const hit = this.ready.get(key);
        if (hit) {
            this.ready.delete(key);
            this.ready.set(key, hit); // most recently used last
            return hit;
        }
        if (!this.drawing.has(key)) {
            this.drawing.add(key);
            this.draw(source, markdownUri).then(
                diagram => this.store(key, diagram),
                (error: unknown) => this.store(key, {
                    problems: [{ severity: 'error', line: 1, message: `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}` }],
                }),
            );
        }
        return undefined;
    }

    /** Forgets every drawing (files a block imports changed). */
    clear(): void {
        this.ready.clear();
    }

    private store(key: string, diagram: BlockDiagram): void {
        this.drawing.delete(key);
        this.ready.set(key, diagram);
        while (this.ready.size > MAX_ENTRIES) this.ready.delete(this.ready.keys().next().value as string);
        this.onReady();
    }
}
