/**
 * Rename of components, zones and channels across files: `broker.topic` references keep their
 * other half, `@allow` rule ids are never touched.
 */
import { AstUtils, type LangiumDocument, type LangiumDocuments, type References, type URI } from 'langium';
import type { LangiumServices, RenameProvider } from 'langium/lsp';
import type { PrepareRenameParams, Range, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { isChannel, isComponent } from '../language/generated/ast.js';
import { targetAt } from './cursor-target.js';
import { elementsInScope } from './scope-elements.js';

/** What the id is made of: `[A-Za-z_]\w*` with inner hyphens. */
export const ID_PATTERN = /^[_a-zA-Z]\w*(?:-\w+)*$/;

/** Rename of components, zones and channels in every file that refers to them. */
export class ArchwayRenameProvider implements RenameProvider {
    private readonly references: References;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        this.references = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range | undefined {
        try {
            return targetAt(document, document.textDocument.offsetAt(params.position), this.references)?.range;
        } catch {
            return undefined;
        }
    }

    rename(document: LangiumDocument, params: RenameParams): WorkspaceEdit | undefined {
        const found = targetAt(document, document.textDocument.offsetAt(params.position), this.references);
        if (!found) return undefined;
        const target = found.target;
        let newName = params.newName.trim();
        // `bus.newName` for a channel means the channel part.
        if (isChannel(target) && isComponent(target.$container) && newName.startsWith(`${target.$container.name}.`)) {
            newName = newName.slice(target.$container.name.length + 1);
        }
        if (!ID_PATTERN.test(newName)) {
            throw new Error(`'${params.newName}' is not a valid id: use letters, digits, '_' and inner '-'.`);
        }
        const newId = isChannel(target) && isComponent(target.$container) ? `${target.$container.name}.${newName}` : newName;
        const currentId = isChannel(target) && isComponent(target.$container) ? `${target.$container.name}.${target.name}` : target.name;
        if (newId !== currentId && elementsInScope(AstUtils.getDocument(target), this.documents).some(e => e.id === newId)) {
            throw new Error(`'${newId}' is already declared; pick another id.`);
        }
        const changes: Record<string, TextEdit[]> = {};
        const seen = new Set<string>();
        const edit = (uri: string, range: Range): void => {
            const key = `${uri}|${range.start.line}:${range.start.character}`;
            if (seen.has(key)) return;
            seen.add(key);
            (changes[uri] ??= []).push({ range, newText: newName });
        };
        for (const ref of this.references.findReferences(target, { includeDeclaration: true })) {
            const uri = ref.sourceUri.toString();
            const text = this.textOf(ref.sourceUri, ref.segment.offset, ref.segment.end);
            const dot = text?.lastIndexOf('.') ?? -1;
            if (isChannel(target) && dot >= 0) {
                // `broker.topic`: only the topic half.
                edit(uri, this.rangeOf(ref.sourceUri, ref.segment.offset + dot + 1, ref.segment.end) ?? ref.segment.range);
            } else {
                edit(uri, ref.segment.range);
            }
        }
        if (isComponent(target)) {
            // Renaming a broker: the broker half of every `broker.topic`.
            for (const member of target.members) {
                if (!isChannel(member)) continue;
                for (const ref of this.references.findReferences(member, { includeDeclaration: false })) {
                    const text = this.textOf(ref.sourceUri, ref.segment.offset, ref.segment.end);
                    const dot = text?.indexOf('.') ?? -1;
                    if (dot < 0) continue;
                    const range = this.rangeOf(ref.sourceUri, ref.segment.offset, ref.segment.offset + dot);
                    if (range) edit(ref.sourceUri.toString(), range);
                }
            }
        }
        return { changes };
    }

    private textOf(uri: URI, start: number, end: number): string | undefined {
        return this.documents.getDocument(uri)?.textDocument.getText().slice(start, end);
    }

    private rangeOf(uri: URI, start: number, end: number): Range | undefined {
        const doc = this.documents.getDocument(uri);
        if (!doc) return undefined;
        return { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) };
    }
}
