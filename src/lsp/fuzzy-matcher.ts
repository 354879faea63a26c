/**
 * Fuzzy matching for workspace symbol queries.
 */
import { DefaultFuzzyMatcher } from 'langium/lsp';

/** Fuzzy matching for symbol queries where `.` and `-` also start a word (`bus.orderPlaced`). */
export class ArchwayFuzzyMatcher extends DefaultFuzzyMatcher {
    override match(query: string, text: string): boolean {
        if (super.match(query, text)) return true;
        return text.split(/[.-]/).some(part => part !== text && super.match(query, part));
    }
}
