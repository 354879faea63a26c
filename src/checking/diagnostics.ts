/**
 * Findings → LSP diagnostic fields: code, link to the rule's docs, related places, tags.
 */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Finding, SourceLocation } from '../model/arch-model.js';
import { MAX_RELATED } from '../rules/analysis.js';

/** Where rule documentation is published; `<id>.md` is appended. */
export const RULE_DOCS_BASE = 'https://github.com/archway-dev/archway/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
    return `${RULE_DOCS_BASE}${ruleId}.md`;
}

/** Element ids a diagnostic's data carries (a 300-service chain names its first ten): sizes stay flat. */
const MAX_DATA_ELEMENTS = 10;

/** What a diagnostic carries besides the finding's place, message and rule. */
export interface DiagnosticShape {
    /**
     * The finding's element ids in `data.elements` (at most `MAX_DATA_ELEMENTS`): `archway check`
     * keys its baselines by them. The editor's diagnostics carry no `data` at all: the client
     * never reads it, and quick fixes are looked up on the server.
     */
    elementIds: boolean;
}

function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
    const { start: s1, end: e1 } = a.range;
    const { start: s2, end: e2 } = b.range;
    return a.uri === b.uri && s1.line === s2.line && s1.character === s2.character && e1.line === e2.line && e1.character === e2.character;
}

/**
 * A finding as a diagnostic: at most `MAX_RELATED` related locations, none at the diagnostic's
 * own place (a path's step that is the finding itself leads nowhere new) and no empty list, no
 * quick fixes, element ids only when `shape` asks for them.
 */
export function toDiagnosticInfo(finding: Finding, node: AstNode, shape: DiagnosticShape = { elementIds: true }): { severity: ValidationSeverity; message: string; info: DiagnosticInfo<AstNode> } {
    const related = finding.related.slice(0, MAX_RELATED).filter(r => !sameLocation(r.location, finding.location))
        .map(r => ({ location: { uri: r.location.uri, range: r.location.range }, message: r.message }));
    return {
        severity: finding.severity,
        message: finding.message,
        info: {
            node,
            range: finding.location.range,
            code: finding.code,
            codeDescription: { href: ruleDocsUrl(finding.code) },
            ...(related.length > 0 ? { relatedInformation: related } : {}),
            ...(finding.tags && finding.tags.length > 0 ? { tags: finding.tags as DiagnosticInfo<AstNode>['tags'] } : {}),
            ...(shape.elementIds ? { data: { elements: finding.elements.slice(0, MAX_DATA_ELEMENTS) } } : {}),
        },
    };
}
