/**
 * Builds the AST and CST of a parse exactly as Langium's `LangiumParser` does (Langium 4.4.0,
 * `langium-parser.ts`): the same node stack, the same `CstNodeBuilder` calls in the same order,
 * the same value conversion, references built by the linker, mandatory properties and container
 * links. Only the decisions (which rule, which alternative) are made elsewhere, by the
 * recursive-descent parser that drives it (`archway-recursive-parser.ts`).
 */
import {
    AstUtils, CstNodeBuilder, DefaultValueConverter, GrammarAST, GrammarUtils, isAstNode, LeafCstNodeImpl, ValueConverter as LangiumValueConverter,
    type AstNode, type AstReflection, type CompositeCstNode, type CstNode, type LangiumCoreServices, type Linker, type ValueConverter,
} from 'langium';
import type { ArchwayTokens } from './archway-lexer.js';

/** Marks a node of a data type rule (`Name`, `QualifiedName`), like Langium's `DatatypeSymbol`. */
export const DATATYPE = Symbol('Datatype');

/** A node under construction: an AST node, or the text of a data type rule. */
type Building = { $type: string | typeof DATATYPE; value?: string; $cstNode?: CstNode } & Record<string, unknown>;

/** The assignment a grammar element is part of, as Langium's parser caches it. */
interface AssignmentInfo {
    assignment?: GrammarAST.Assignment;
    crossRef?: 'single' | 'multi';
    /** The value converter's conversion for this element, decided once (see `conversionOf`). */
    convert?: (input: string) => unknown;
}

/** Thrown by the parser at the first token it does not expect (the parse falls back). */
export class NotAccepted extends Error {}

/** The AST/CST builder for one parse; see the file comment. */
export class AstCstBuilder {
    private readonly stack: Building[] = [];
    readonly nodeBuilder = new CstNodeBuilder();
    private hiddenIndex = 0;
    private readonly assignments: Map<GrammarAST.AbstractElement, AssignmentInfo>;

    constructor(
        private readonly text: string,
        private readonly tokens: ArchwayTokens,
        private readonly linker: Linker,
        private readonly converter: ValueConverter,
        private readonly reflection: AstReflection,
        assignments: Map<GrammarAST.AbstractElement, AssignmentInfo>,
    ) {
        this.assignments = assignments;
        this.nodeBuilder.buildRootNode(text);
    }

    private get current(): Building {
        return this.stack[this.stack.length - 1];
    }

    /** Starts a rule that creates a node of `type` (`DATATYPE` for a data type rule). */
    start(type: string | typeof DATATYPE): void {
        this.stack.push(type === DATATYPE ? { $type: DATATYPE, value: '' } : { $type: type });
    }

    /** Ends the innermost rule: Langium's `construct`. */
    construct(): unknown {
        const obj = this.stack.pop()!;
        this.nodeBuilder.construct(obj as unknown as Parameters<CstNodeBuilder["construct"]>[0]);
        if (obj.$type === DATATYPE) return this.convert(obj.value!, obj.$cstNode!, obj.$cstNode!.grammarSource!);
        AstUtils.assignMandatoryProperties(this.reflection, obj as unknown as AstNode);
        return obj;
    }

    /** Starts a rule call for `feature` (Langium's `subrule`, before the rule runs). */
    enter(feature: GrammarAST.AbstractElement): CompositeCstNode {
        return this.nodeBuilder.buildCompositeNode(feature);
    }

    /** Ends a rule call with the rule's `result` (Langium's `subrule`, after the rule ran). */
    leave(feature: GrammarAST.AbstractElement, cstNode: CompositeCstNode, result: unknown): void {
        // Langium also requires `cstNode.length > 0`: always true here, every rule the fast
        // parser completes has consumed a token.
        if (result !== undefined) this.performSubruleAssignment(result, feature, cstNode);
    }

    /** Consumes token `index` for grammar element `feature`: Langium's `consume`. */
    consume(index: number, feature: GrammarAST.AbstractElement): void {
        const tokens = this.tokens;
        const offset = tokens.start[index];
        const hidden = tokens.hidden;
        if (this.hiddenIndex < hidden.length && hidden[this.hiddenIndex].startOffset < offset) {
            const from = this.hiddenIndex;
            while (this.hiddenIndex < hidden.length && hidden[this.hiddenIndex].startOffset < offset) this.hiddenIndex++;
            this.nodeBuilder.addHiddenNodes(hidden.slice(from, this.hiddenIndex) as never);
        }
        const length = tokens.length[index];
        const line = tokens.line[index] - 1;
        const column = tokens.column[index] - 1;
        const leafNode = new LeafCstNodeImpl(offset, length, line, column, line, column + length, tokens.types[tokens.kind[index]], false);
        leafNode.grammarSource = feature;
        this.nodeBuilder.appendChild(this.nodeBuilder.current, leafNode);
        const isKeyword = GrammarAST.isKeyword(feature);
        // A keyword's image is the keyword (the grammar is case-sensitive).
        const image = isKeyword ? (feature as GrammarAST.Keyword).value : this.text.substr(offset, length);
        const { assignment, crossRef } = this.getAssignment(feature);
        if (assignment) {
            const value = isKeyword ? image : this.convert(image, leafNode, feature);
            this.assign(assignment.operator, assignment.feature, value, leafNode, crossRef);
        } else {
            const current = this.current;
            if (current.$type === DATATYPE) {
                current.value += isKeyword ? image : String(this.convert(image, leafNode, feature));
            }
        }
    }

    /** An action without a feature (`{infer ListValue}`): Langium's `action`. */
    action(type: string): void {
        this.current.$type = type;
    }

    /** Ends the parse: trailing comments, container links; Langium's `parse` after `doParse`. */
    finish(result: AstNode): AstNode {
        if (result.$cstNode) (result.$cstNode as { astNode: AstNode }).astNode = result;
        const hidden = this.tokens.hidden;
        if (this.hiddenIndex < hidden.length) this.nodeBuilder.addHiddenNodes(hidden.slice(this.hiddenIndex) as never);
        // Container links were set as nodes were assigned (see `assign`).
        return result;
    }

    /** `converter.convert(input, cstNode)`, with the conversion for `feature` decided once. */
    private convert(input: string, cstNode: CstNode, feature: GrammarAST.AbstractElement): unknown {
        const info = this.getAssignment(feature);
        if (info.convert === undefined) info.convert = conversionOf(this.converter, feature) ?? null as never;
        return info.convert ? info.convert(input) : this.converter.convert(input, cstNode);
    }

    private getAssignment(feature: GrammarAST.AbstractElement): AssignmentInfo {
        let info = this.assignments.get(feature);
        if (!info) {
            const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
            info = {
                assignment,
                crossRef: assignment && GrammarAST.isCrossReference(assignment.terminal) ? (assignment.terminal.isMulti ? 'multi' : 'single') : undefined,
            };
            this.assignments.set(feature, info);
        }
        return info;
    }

    private performSubruleAssignment(result: unknown, feature: GrammarAST.AbstractElement, cstNode: CompositeCstNode): void {
        const { assignment, crossRef } = this.getAssignment(feature);
        if (assignment) {
            this.assign(assignment.operator, assignment.feature, result, cstNode, crossRef);
            return;
        }
        const current = this.current;
        if (current.$type === DATATYPE) {
            current.value += String(result);
        } else if (typeof result === 'object' && result) {
            const target = result as Building;
            for (const name in current) {
                const existing = current[name];
                const value = target[name];
                if (value === undefined) target[name] = existing;
                else if (Array.isArray(value) && Array.isArray(existing)) {
                    existing.push(...value);
                    target[name] = existing;
                }
            }
            target.$cstNode = undefined;
            this.stack.pop();
            this.stack.push(target);
        }
    }

    private assign(operator: string, feature: string, value: unknown, cstNode: CstNode, crossRef: AssignmentInfo['crossRef']): void {
        const obj = this.current;
        let item = value;
        if (crossRef === 'single' && typeof value === 'string') {
            item = this.linker.buildReference(obj as unknown as AstNode, feature, cstNode, value);
        } else if (crossRef === 'multi' && typeof value === 'string') {
            item = this.linker.buildMultiReference(obj as unknown as AstNode, feature, cstNode, value);
        }
        if (isAstNode(item)) {
            if (item.$cstNode) (item.$cstNode as { astNode: AstNode }).astNode = item;
            // What Langium's `linkContentToContainer` sets after the parse, in the same order
            // (the node is complete here: no property is added to it later).
            const child = item as Building;
            child.$container = obj;
            child.$containerProperty = feature;
            if (operator === '+=') child.$containerIndex = Array.isArray(obj[feature]) ? (obj[feature] as unknown[]).length : 0;
        }
        switch (operator) {
            case '=': obj[feature] = item; break;
            case '?=': obj[feature] = true; break;
            case '+=': {
                if (!Array.isArray(obj[feature])) obj[feature] = [];
                (obj[feature] as unknown[]).push(item);
            }
        }
    }
}

/**
 * What Langium's `DefaultValueConverter.convert` does for grammar element `feature`, as a
 * function of the text alone (it reads the rule's name and type on every call); undefined when
 * the converter is not exactly Langium's default (then the converter is called each time).
 */
function conversionOf(converter: ValueConverter, feature: GrammarAST.AbstractElement): ((input: string) => unknown) | undefined {
    const base = DefaultValueConverter.prototype as unknown as Record<string, unknown>;
    const actual = converter as unknown as Record<string, unknown>;
    if (!(converter instanceof DefaultValueConverter) || actual.convert !== base.convert || actual.runConverter !== base.runConverter) return undefined;
    const element = GrammarAST.isCrossReference(feature) ? GrammarUtils.getCrossReferenceTerminal(feature) : feature;
    if (!GrammarAST.isRuleCall(element)) return input => input;
    const rule = element.rule.ref;
    if (!rule) return undefined;
    switch (rule.name.toUpperCase()) {
        case 'INT': return LangiumValueConverter.convertInt;
        case 'STRING': return LangiumValueConverter.convertString;
        case 'ID': return LangiumValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number': return LangiumValueConverter.convertNumber;
        case 'boolean': return LangiumValueConverter.convertBoolean;
        case 'bigint': return LangiumValueConverter.convertBigint;
        case 'date': return LangiumValueConverter.convertDate;
        default: return input => input;
    }
}

/** The services the builder uses, taken once per parser. */
export function builderServices(services: LangiumCoreServices): { linker: Linker; converter: ValueConverter; reflection: AstReflection } {
    return { linker: services.references.Linker, converter: services.parser.ValueConverter, reflection: services.shared.AstReflection };
}
