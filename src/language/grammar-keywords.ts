/**
 * Keywords read from the grammar itself (`archway.langium`, as Langium generated it), so that
 * what depends on them (parser messages, the kinds table's test) cannot drift from what the
 * parser accepts.
 */
import { AstUtils, GrammarAST } from 'langium';
import { ArchwayGrammar } from './generated/grammar.js';

/** The keywords of one parser rule, in grammar order (`Kind`: the component kinds). */
export function ruleKeywords(ruleName: string): string[] {
    const rule = ArchwayGrammar().rules.find(r => GrammarAST.isParserRule(r) && r.name === ruleName);
    if (!rule) throw new Error(`The grammar has no rule '${ruleName}'.`);
    return AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(k => k.value).distinct().toArray();
}

let kinds: ReadonlySet<string> | undefined;

/** The component kind keywords: the grammar's `Kind` rule. */
export function kindKeywords(): ReadonlySet<string> {
    return kinds ??= new Set(ruleKeywords('Kind'));
}
