/**
 * The parser and lexer services: valid text is parsed by the hand-written lexer and
 * recursive-descent parser (`archway-lexer.ts`, `archway-recursive-parser.ts`), which build the
 * same AST and CST as Langium's parser; anything else (a lexer or syntax error, text over the
 * input limits, a parse of another rule than the entry rule) is parsed by Langium's Chevrotain
 * parser, with its errors and recovery. Chevrotain's lexer and parser are built only when such
 * a text first needs them: building them costs a fresh process about 200 ms.
 */
import {
    DefaultLexer, type AstNode, type LangiumCoreServices, type LangiumParser, type Lexer, type LexerResult, type ParseResult, type ParserOptions,
    type TokenizeOptions,
} from 'langium';
import type { TokenType } from 'chevrotain';
import { ArchwayLexer, type TokenTypeDictionary } from './archway-lexer.js';
import { ArchwayRecursiveParser } from './archway-recursive-parser.js';
import { AstCstBuilder, builderServices } from './cst-builder.js';
import { grammarElements } from './grammar-elements.js';
import { inputLimitProblem } from '../archway-limits.js';

/**
 * Langium's lexer service with Chevrotain's lexer built on first use. `definition` (the token
 * types, which the CST's leaves point at) is available without building it; the token types are
 * the very objects Chevrotain's lexer is built with later.
 */
export class ArchwayLexerService implements Lexer {
    private readonly services: LangiumCoreServices;
    private readonly tokens: TokenType[];
    private readonly types: TokenTypeDictionary;
    private lexer?: DefaultLexer;

    constructor(services: LangiumCoreServices) {
        this.services = services;
        const built = services.parser.TokenBuilder.buildTokens(services.Grammar, { caseInsensitive: services.LanguageMetaData.caseInsensitive });
        if (!Array.isArray(built)) throw new Error('The Archway token builder returns a list of token types.');
        this.tokens = built;
        this.types = Object.fromEntries(built.map(type => [type.name, type]));
    }

    /** True once Chevrotain's lexer has been built (some text needed Langium's lexer). */
    get chevrotainLexerBuilt(): boolean {
        return this.lexer !== undefined;
    }

    get definition(): TokenTypeDictionary {
        return this.types;
    }

    /** The token types in Chevrotain's order. */
    get orderedTokens(): readonly TokenType[] {
        return this.tokens;
    }

    tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (!this.lexer) {
            // DefaultLexer builds its token types itself; give it ours so that every CST leaf
            // (fast or not) points at the same token type objects.
            const { parser, Grammar, LanguageMetaData } = this.services;
            const tokens = this.tokens;
            const TokenBuilder = Object.assign(Object.create(parser.TokenBuilder), { buildTokens: () => tokens });
            // DefaultLexer reads exactly these services.
            const services = { Grammar, LanguageMetaData, parser: { TokenBuilder, LexerErrorMessageProvider: parser.LexerErrorMessageProvider } };
            this.lexer = new DefaultLexer(services as LangiumCoreServices);
        }
        return this.lexer.tokenize(text, options);
    }
}

/**
 * The `LangiumParser` service: the fast parser for valid text, Langium's (guarded) parser,
 * built on first use, for the rest. Everything but `parse` goes to Langium's parser.
 */
export class ArchwayParserService {
    private readonly services: LangiumCoreServices;
    private readonly createFallback: (services: LangiumCoreServices) => LangiumParser;
    private fallback?: LangiumParser;
    private fast?: { lexer: ArchwayLexer; parser: ArchwayRecursiveParser } | null;
    /** What the AST/CST builder learned of each grammar assignment (shared by every parse). */
    private readonly assignments: ConstructorParameters<typeof AstCstBuilder>[5] = new Map();

    constructor(services: LangiumCoreServices, createFallback: (services: LangiumCoreServices) => LangiumParser) {
        this.services = services;
        this.createFallback = createFallback;
    }

    /** True once Langium's parser has been built (some text needed it). */
    get langiumParserBuilt(): boolean {
        return this.fallback !== undefined;
    }

    /** Langium's parser (built now if it was not yet). */
    get langiumParser(): LangiumParser {
        return this.fallback ??= this.createFallback(this.services);
    }

    parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const fast = options?.rule === undefined ? this.tryFast<T>(input) : undefined;
        return fast ?? this.langiumParser.parse<T>(input, options);
    }

    /** The fast parse of `input`, or undefined when Langium's parser must parse it. */
    tryFast<T extends AstNode>(input: string): ParseResult<T> | undefined {
        const fast = this.fastParser();
        if (!fast || inputLimitProblem(input)) return undefined;
        const tokens = fast.lexer.tokenize(input);
        if (!tokens) return undefined;
        const { linker, converter, reflection } = builderServices(this.services);
        const builder = new AstCstBuilder(input, tokens, linker, converter, reflection, this.assignments);
        const value = fast.parser.parse(tokens, builder);
        if (!value) return undefined;
        const lexerReport = this.services.parser.TokenBuilder.flushLexingReport?.(input);
        return { value: value as T, lexerErrors: [], lexerReport, parserErrors: [] };
    }

    private fastParser(): { lexer: ArchwayLexer; parser: ArchwayRecursiveParser } | undefined {
        if (this.fast === undefined) {
            const lexer = this.services.parser.Lexer;
            if (!(lexer instanceof ArchwayLexerService)) {
                this.fast = null;
            } else {
                const types = lexer.definition;
                try {
                    this.fast = { lexer: new ArchwayLexer(types, lexer.orderedTokens), parser: new ArchwayRecursiveParser(grammarElements(this.services.Grammar), types) };
                } catch {
                    // The grammar or its tokens are not the ones the fast parser was written for.
                    this.fast = null;
                }
            }
        }
        return this.fast ?? undefined;
    }

    // The rest of LangiumParser's surface, for callers that use more than `parse`.
    get definitionErrors(): unknown {
        return (this.langiumParser as unknown as { definitionErrors: unknown }).definitionErrors;
    }

    getRule(name: string): unknown {
        return this.langiumParser.getRule(name);
    }
}

/** The fast parser service, typed as the `LangiumParser` it stands in for. */
export function createArchwayParserService(services: LangiumCoreServices, createFallback: (services: LangiumCoreServices) => LangiumParser): LangiumParser {
    return new ArchwayParserService(services, createFallback) as unknown as LangiumParser;
}
