/**
 * Findings → LSP diagnostic fields: code, link to the rule's docs, related places, tags.
 */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Finding } from '../model/arch-model.js';
import { MAX_RELATED } from '../rules/analysis.js';

/** Where rule documentation is published; `<id>.md` is appended. */
export const RULE_DOCS_BASE = 'https://github.com/archway-dev/archway/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
    return `${RULE_DOCS_BASE}${ruleId}.md`;
}

/** Element ids a diagnostic's data carries (a 300-service chain names its first ten): sizes stay flat. */
const MAX_DATA_ELEMENTS = 10;

/** A finding as a diagnostic: at most `MAX_RELATED` related locations and `MAX_DATA_ELEMENTS` element ids, no quick fixes. */
export function toDiagnosticInfo(finding: Finding, node: AstNode): { severity: ValidationSeverity; message: string; info: DiagnosticInfo<AstNode> } {
    return {
        severity: finding.severity,
        message: finding.message,
        info: {
            node,
            range: finding.location.range,
            code: finding.code,
            codeDescription: { href: ruleDocsUrl(finding.code) },
            relatedInformation: finding.related.slice(0, MAX_RELATED).map(r => ({ location: { uri: r.location.uri, range: r.location.range }, message: r.message })),
            tags: finding.tags as DiagnosticInfo<AstNode>['tags'],
            // Quick fixes stay on the server (the code-action provider looks the finding up): none ride here.
            data: { ...(finding.data ?? {}), elements: finding.elements.slice(0, MAX_DATA_ELEMENTS) },
        },
    };
}
