/**
 * Findings → LSP diagnostic fields: code, link to the rule's docs, related places, tags.
 */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Finding } from '../model/arch-model.js';

/** Where rule documentation is published; `<id>.md` is appended. */
export const RULE_DOCS_BASE = 'https://github.com/archway-dev/archway/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
    return `${RULE_DOCS_BASE}${ruleId}.md`;
}

export function toDiagnosticInfo(finding: Finding, node: AstNode): { severity: ValidationSeverity; message: string; info: DiagnosticInfo<AstNode> } {
    return {
        severity: finding.severity,
        message: finding.message,
        info: {
            node,
            range: finding.location.range,
            code: finding.code,
            codeDescription: { href: ruleDocsUrl(finding.code) },
            relatedInformation: finding.related.map(r => ({ location: { uri: r.location.uri, range: r.location.range }, message: r.message })),
            tags: finding.tags as DiagnosticInfo<AstNode>['tags'],
            data: { ...(finding.data ?? {}), elements: finding.elements, ...(finding.fixes ? { fixes: finding.fixes } : {}) },
        },
    };
}
