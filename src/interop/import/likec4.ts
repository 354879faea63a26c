/**
 * Reads LikeC4 models (`.c4` files; all files together form one model, as in a LikeC4
 * workspace): the specification (element kinds with their shapes and technologies, dashed
 * relationship kinds), elements in both declaration forms (`name = kind 'title'` and
 * `kind name 'title'`) with titles, descriptions, technologies, tags, metadata, links and
 * nested elements, `extend` blocks, relationships (`->`, `-[kind]->`, `<->`, sourceless inside
 * an element), views (`view x of y` with include/exclude predicates and autoLayout) and
 * dynamic views. Deployment models, styles and globals are skipped with a note.
 *
 * Names resolve as LikeC4 resolves them: through the enclosing elements, then the top level,
 * then any element with that unique name. A statement that cannot be read is reported with its
 * file, line and column, and reading goes on with the next statement.
 *
 * This file reads the top level of each file; the blocks are read by concern: the token
 * cursor (`likec4-cursor.ts`), `specification` (`likec4-specification.ts`), `model`
 * (`likec4-model.ts`), `views` (`likec4-views.ts`), and name resolution
 * (`likec4-declarations.ts`).
 */
import type { ImportedModel, SourceFile } from './imported-model.js';
import { describe, LikeC4Cursor } from './likec4-cursor.js';
import { LikeC4Declarations } from './likec4-declarations.js';
import { modelStatement } from './likec4-model.js';
import { specificationStatement } from './likec4-specification.js';
import { viewsStatement } from './likec4-views.js';

export type { SourceFile } from './imported-model.js';

/** Reads LikeC4 files into an imported model. */
export function readLikeC4(files: readonly SourceFile[]): ImportedModel {
    const declared = new LikeC4Declarations();
    for (const source of files) readFile(source, declared);
    return declared.finish(files.map(f => f.file));
}

/** Reads the top-level blocks of one file: specifications first (kinds decide how `kind name` reads), then the rest in order. */
function readFile(source: SourceFile, declared: LikeC4Declarations): void {
    const c = new LikeC4Cursor(source, declared.problems, declared.notes);
    const blocks: { name: string; start: number }[] = [];
    while (c.peek().type !== 'eof') {
        const token = c.peek();
        if (token.type === 'id' && c.peek(1).value === '{') {
            blocks.push({ name: token.value, start: c.pos });
            c.pos += 1;
            c.skipBlock(true); // reported when the block is read
        } else if (token.type === 'id' && token.value === 'import') {
            c.note('LikeC4 `import` statements (elements of other projects) are not followed.');
            c.skipStatement();
        } else {
            c.problem(token, `Expected 'specification', 'model', 'views', 'deployment' or 'global' at the top level, not ${describe(token)}.`);
            c.skipStatement();
        }
    }
    const ordered = [...blocks.filter(b => b.name === 'specification'), ...blocks.filter(b => b.name !== 'specification')];
    for (const block of ordered) {
        c.pos = block.start + 1;
        switch (block.name) {
            case 'specification': c.block(() => specificationStatement(c, declared)); break;
            case 'model': c.block(() => modelStatement(c, declared, '', undefined)); break;
            case 'views': c.block(() => viewsStatement(c, declared)); break;
            case 'deployment': c.note('LikeC4 deployment models are not imported (Archway models the logical topology).'); break;
            case 'global': c.note('LikeC4 global styles and predicates are not imported.'); break;
            default: c.problem(c.tokens[block.start], `Unknown top-level block '${block.name}'.`);
        }
    }
}
