/**
 * The token-level half of the recursive-descent parser (`archway-recursive-parser.ts`):
 * lookahead over the token stream, consuming tokens and calling rules through the AST/CST
 * builder, and the data type rules (`Name`, `QualifiedName`, `Arrow`, `Protocol`, the kinds).
 */
import type { TokenType } from 'chevrotain';
import type { GrammarAST } from 'langium';
import type { TokenTypeDictionary } from './archway-lexer.js';
import { NotAccepted, type AstCstBuilder } from './cst-builder.js';
import type { RuleElements } from './grammar-elements.js';

/** A grammar element a token or rule call is consumed for (its CST node's `grammarSource`). */
export type Feature = GrammarAST.AbstractElement;

/** Lookahead, consumption and the data type rules; `ArchwayRecursiveParser` adds the declarations. */
export abstract class RecursiveParserBase {
    /** The type of each token, then undefined (the end of the input). */
    protected types: (TokenType | undefined)[] = [];
    protected pos = 0;
    protected b!: AstCstBuilder;
    protected readonly T: TokenTypeDictionary;
    /** Token types that can start a `Name` (an ID or a keyword that is also a name). */
    protected readonly nameTokens = new Set<TokenType>();
    protected readonly kindKeywords: Map<TokenType, GrammarAST.Keyword>;
    protected readonly channelKeywords: Map<TokenType, GrammarAST.Keyword>;
    protected readonly nameKeywords: Map<TokenType, GrammarAST.Keyword>;
    protected readonly arrowKeywords: Map<TokenType, GrammarAST.Keyword>;
    protected readonly r: (name: string) => RuleElements;

    protected constructor(rules: (name: string) => RuleElements, types: TokenTypeDictionary) {
        this.r = rules;
        this.T = types;
        this.kindKeywords = rules('Kind').keywordsByToken(types);
        this.channelKeywords = rules('ChannelKind').keywordsByToken(types);
        this.nameKeywords = rules('Name').keywordsByToken(types);
        this.arrowKeywords = rules('Arrow').keywordsByToken(types);
        for (const type of [types.ID, ...this.kindKeywords.keys(), ...this.channelKeywords.keys(), ...this.nameKeywords.keys()]) this.nameTokens.add(type);
    }

    // ------------------------------------------------------------------ helpers

    protected la(offset = 0): TokenType | undefined {
        return this.types[this.pos + offset];
    }

    protected is(keyword: string, offset = 0): boolean {
        return this.types[this.pos + offset] === this.T[keyword];
    }

    protected isName(offset = 0): boolean {
        const type = this.types[this.pos + offset];
        return type !== undefined && this.nameTokens.has(type);
    }

    protected isArrow(offset = 0): boolean {
        const type = this.types[this.pos + offset];
        return type !== undefined && this.arrowKeywords.has(type);
    }

    protected fail(): never {
        throw new NotAccepted();
    }

    /** Consumes the next token, which must be of `type`, for `feature`. */
    protected expect(type: TokenType, feature: Feature): void {
        if (this.types[this.pos] !== type) this.fail();
        this.b.consume(this.pos++, feature);
    }

    /** Consumes keyword `feature` (a `Keyword` element), which must be next. */
    protected keyword(feature: GrammarAST.Keyword): void {
        this.expect(this.T[feature.value], feature);
    }

    /** Calls rule `rule` for `feature`, as a subrule creating a CST node. */
    protected call(feature: Feature, rule: RuleElements, body: (rule: RuleElements) => void): void {
        const b = this.b;
        const cstNode = b.enter(feature);
        b.start(rule.type!);
        body(rule);
        b.leave(feature, cstNode, b.construct());
    }

    /** The index after the annotations starting at the next token (the next token when none). */
    protected afterAnnotations(): number {
        let i = 0;
        while (this.is('@', i)) {
            if (!this.isName(i + 1)) this.fail();
            i += 2;
            if (this.is('(', i)) {
                if (!this.isName(i + 1)) this.fail();
                i += 2;
                if (this.is(',', i)) {
                    if (this.la(i + 1) !== this.T.STRING) this.fail();
                    i += 2;
                }
                if (!this.is(')', i)) this.fail();
                i++;
            }
        }
        return i;
    }

    /** `(label=STRING)?`, for rules whose label is their only STRING call. */
    protected optionalString(feature: Feature): void {
        if (this.la() === this.T.STRING) this.b.consume(this.pos++, feature);
    }

    /** `'{' (feature+=Rule)* '}'` with the members parsed by `member`. */
    protected block(open: GrammarAST.Keyword, close: GrammarAST.Keyword, member: () => void): void {
        this.keyword(open);
        while (!this.is(close.value)) {
            if (this.la() === undefined) this.fail();
            member();
        }
        this.keyword(close);
    }

    protected isComponentKind(offset: number): boolean {
        const type = this.la(offset);
        return type === this.T.ID || (type !== undefined && this.kindKeywords.has(type));
    }

    /** A qualified name followed by an arrow. */
    protected startsConnection(offset: number): boolean {
        if (!this.isName(offset)) return false;
        if (this.is('.', offset + 1)) return this.isName(offset + 2) && this.isArrow(offset + 3);
        return this.isArrow(offset + 1);
    }

    // ------------------------------------------------------------------ data type rules

    /** Consumes the next token as one of a data type rule's keyword alternatives. */
    protected keywordOf(keywords: Map<TokenType, GrammarAST.Keyword>, _rule: RuleElements): void {
        const type = this.la();
        const keyword = type && keywords.get(type);
        if (!keyword) this.fail();
        this.b.consume(this.pos++, keyword);
    }

    protected name(feature: Feature): void {
        this.call(feature, this.r('Name'), r => {
            const type = this.la();
            if (type === this.T.ID) this.b.consume(this.pos++, r.call('ID'));
            else if (type && this.kindKeywords.has(type)) this.call(r.call('Kind'), this.r('Kind'), k => this.keywordOf(this.kindKeywords, k));
            else if (type && this.channelKeywords.has(type)) this.call(r.call('ChannelKind'), this.r('ChannelKind'), k => this.keywordOf(this.channelKeywords, k));
            else this.keywordOf(this.nameKeywords, r);
        });
    }

    protected qualifiedName(feature: Feature): void {
        this.namePair(feature, 'QualifiedName', '.');
    }

    protected arrow(feature: Feature): void {
        this.call(feature, this.r('Arrow'), r => this.keywordOf(this.arrowKeywords, r));
    }

    protected protocol(feature: Feature): void {
        this.namePair(feature, 'Protocol', '+');
    }

    /** The data type rules of the shape `Name (separator Name)?`: `QualifiedName` and `Protocol`. */
    private namePair(feature: Feature, rule: string, separator: string): void {
        this.call(feature, this.r(rule), r => {
            this.name(r.call('Name', 0));
            if (this.is(separator)) {
                this.keyword(r.keyword(separator));
                this.name(r.call('Name', 1));
            }
        });
    }
}
