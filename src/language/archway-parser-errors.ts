/**
 * Short, readable syntax errors. Chevrotain's defaults list every token sequence the
 * parser could have accepted (thousands of lines when names may be keywords); these
 * messages name what was found and summarise what fits there.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { kindKeywords } from './grammar-keywords.js';

const TERMINALS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a string',
    NUMBER: 'a number',
    DURATION: 'a duration',
    RATE: 'a rate',
    QUANTITY: 'a count',
    PERCENT: 'a percentage',
    EOF: 'the end of the file',
};

/** What a token type stands for in a message: `a name`, `'->'`, `a component kind`. */
function describeTokenType(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    if (TERMINALS[name]) return TERMINALS[name];
    if (kindKeywords().has(name)) return 'a component kind';
    if (/^[a-z]+$/.test(name)) return `'${name}'`;
    return `'${name}'`;
}

function describeActual(token: IToken): string {
    if (token.tokenType?.name === 'EOF' || token.image === '') return 'the end of the file';
    const image = token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image;
    return `'${image}'`;
}

/** Joins distinct descriptions: `a name, '->' or '~>'`. */
function joinAlternatives(items: Iterable<string>): string {
    let list = [...new Set(items)];
    const values = ['a string', 'a number', 'a duration', 'a rate', 'a count', "'['", "'{'"];
    if (values.filter(v => list.includes(v)).length >= 4) {
        list = [...list.filter(item => !values.includes(item) && item !== 'a name'), 'a value'];
    }
    // Keyword-named ids make every keyword a possible name: say "a name" once.
    if (list.includes('a name')) list = list.filter(item => !/^'[a-z]+'$/.test(item) && item !== 'a component kind' || item === "'*'");
    if (list.length > 8) list = [...list.slice(0, 7), 'more'];
    if (list.length <= 1) return list[0] ?? 'something else';
    return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

export class ArchwayParserErrorMessageProvider implements IParserErrorMessageProvider {
    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeTokenType(options.expected)} but found ${describeActual(options.actual)}.`;
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        const found = describeActual(options.firstRedundant);
        if (options.firstRedundant.image === '}') return `Unexpected '}': there is no open block to close here.`;
        return `Unexpected ${found}: expected a declaration, a zone, a connection, a view or a flow.`;
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean);
        return `Unexpected ${describeActual(options.actual[0])}: expected ${joinAlternatives(firsts.map(describeTokenType))}.`;
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Unexpected ${describeActual(options.actual[0])}: expected ${joinAlternatives(firsts.map(describeTokenType))}.`;
    }
}
