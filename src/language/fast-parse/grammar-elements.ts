/**
 * The grammar elements of the loaded Archway grammar that the recursive-descent parser names
 * as the `grammarSource` of the CST nodes it builds, found by rule and position, so that the
 * CST points at the very objects Langium's parser would (formatting, `findNodeForProperty` and
 * the completion provider compare them by identity).
 */
import { AstUtils, GrammarAST, GrammarUtils, type Grammar } from 'langium';
import type { TokenType } from 'chevrotain';
import { DATATYPE } from './cst-builder.js';
import type { TokenTypeDictionary } from './archway-lexer.js';

/** The elements of one parser rule, by kind and position in the rule's text. */
export class RuleElements {
    /** The node type the rule creates (`DATATYPE` for a data type rule); undefined for a fragment. */
    readonly type: string | typeof DATATYPE | undefined;
    private readonly all: GrammarAST.AbstractElement[];
    private readonly keywords = new Map<string, GrammarAST.Keyword[]>();
    private readonly calls = new Map<string, GrammarAST.RuleCall[]>();
    private readonly references: GrammarAST.CrossReference[] = [];

    constructor(readonly rule: GrammarAST.ParserRule) {
        this.all = [rule.definition, ...AstUtils.streamAllContents(rule.definition)] as GrammarAST.AbstractElement[];
        for (const element of this.all) {
            if (GrammarAST.isKeyword(element)) push(this.keywords, element.value, element);
            else if (GrammarAST.isRuleCall(element) && !GrammarAST.isCrossReference(element.$container)) push(this.calls, element.rule.ref?.name ?? '', element);
            else if (GrammarAST.isCrossReference(element)) this.references.push(element);
        }
        this.type = rule.fragment ? undefined : GrammarUtils.isDataTypeRule(rule) ? DATATYPE : GrammarUtils.getTypeName(rule);
    }

    /** The `nth` keyword `value` (0-based). */
    keyword(value: string, nth = 0): GrammarAST.Keyword {
        return (this.keywords.get(value)?.[nth] ?? this.missing(`keyword '${value}'`, nth)) as GrammarAST.Keyword;
    }

    /** The `nth` call of rule `name` outside cross-references. */
    call(name: string, nth = 0): GrammarAST.RuleCall {
        return (this.calls.get(name)?.[nth] ?? this.missing(`call of ${name}`, nth)) as GrammarAST.RuleCall;
    }

    /** The `nth` cross-reference. */
    reference(nth = 0): GrammarAST.CrossReference {
        return this.references[nth] ?? this.missing('cross-reference', nth);
    }

    /** The rule's (only) action. */
    action(): GrammarAST.Action {
        return this.find(GrammarAST.isAction, 0, 'action') as GrammarAST.Action;
    }

    /** The rule's keywords (direct alternatives), by their token type. */
    keywordsByToken(types: TokenTypeDictionary): Map<TokenType, GrammarAST.Keyword> {
        const map = new Map<TokenType, GrammarAST.Keyword>();
        for (const element of this.all) {
            if (GrammarAST.isKeyword(element) && element.$container === this.rule.definition) map.set(types[element.value], element);
        }
        return map;
    }

    /** The type an action sets (`{infer ListValue}`). */
    actionType(): string {
        const key = 'action type';
        let type = this.types.get(key);
        if (!type) this.types.set(key, type = GrammarUtils.getTypeName(this.action()));
        return type;
    }

    private readonly types = new Map<string, string>();

    private missing(what: string, nth: number): never {
        throw new Error(`Rule ${this.rule.name} has no ${what} #${nth}; the fast parser does not match the grammar.`);
    }

    private find(test: (e: GrammarAST.AbstractElement) => boolean, nth: number, what: string): GrammarAST.AbstractElement {
        return this.all.filter(test)[nth] ?? this.missing(what, nth);
    }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** The elements of every parser rule of `grammar`, by rule name. */
export function grammarElements(grammar: Grammar): (name: string) => RuleElements {
    const rules = new Map<string, RuleElements>();
    for (const rule of grammar.rules) {
        if (GrammarAST.isParserRule(rule)) rules.set(rule.name, new RuleElements(rule));
    }
    return name => {
        const rule = rules.get(name);
        if (!rule) throw new Error(`The grammar has no rule ${name}; the fast parser does not match the grammar.`);
        return rule;
    };
}
