/**
 * Models for editor features (hover, inlay hints): the `ArchModel`s a document belongs to —
 * the very models the checker built for diagnostics, so an edit builds each model once.
 */
import type { LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { ArchModel, Element } from '../model/arch-model.js';
import type { ArchwayModelChecker } from '../checking/model-checker.js';
import { numbersOf, type ModelNumbers } from '../numbers/model-numbers.js';

/** The models of a document, shared with the model checker. */
export class EditorModels {
    constructor(private readonly services: LangiumServices) {}

    /** Models that include `document` (its import roots, else itself). */
    modelsOf(document: LangiumDocument): ArchModel[] {
        return this.checker.modelsFor(document);
    }

    /** The numbers of a model under its archway.json assumptions (shared with the rules that checked it). */
    numbersOf(model: ArchModel): ModelNumbers {
        return numbersOf(model, this.checker.assumptionsFor(model.rootUri));
    }

    private get checker(): ArchwayModelChecker {
        return (this.services as LangiumServices & { archway: { ModelChecker: ArchwayModelChecker } }).archway.ModelChecker;
    }

    /** The element with `id` and the model it was found in, seen from `document`. */
    find(document: LangiumDocument, id: string): { model: ArchModel; element: Element } | undefined {
        for (const model of this.modelsOf(document)) {
            const element = model.elements.get(id);
            if (element) return { model, element };
        }
        return undefined;
    }
}
