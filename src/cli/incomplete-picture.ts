/**
 * Which diagnostics leave an exported picture incomplete. Rule findings never change an
 * export's exit code; these do (exit 1), for `archway export` and its Markdown blocks alike.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** A diagnostic that leaves the picture incomplete: a syntax error, an unresolved reference or import. */
export function makesPictureIncomplete(diagnostic: Diagnostic): boolean {
    if (diagnostic.severity !== DiagnosticSeverity.Error) return false;
    return diagnostic.code === undefined || INCOMPLETE_PICTURE_CODES.has(String(diagnostic.code));
}

const INCOMPLETE_PICTURE_CODES = new Set(['syntax-error', 'unresolved-reference', 'unresolved-import', 'unreadable-file']);
