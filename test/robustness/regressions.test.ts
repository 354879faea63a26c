/**
 * Inputs the fuzzers found, kept as plain tests so they never come back.
 */
import { describe, test } from 'vitest';
import { analyse } from './fuzz-support.js';

const FOUND: [string, string][] = [
    // Formatter: a trailing space in a comment made the safety check fall back to re-indenting,
    // so formatting twice aligned values the first pass had left alone (not idempotent).
    ['comment with a trailing space at the end of a file', 'service a {\n  replicas: 2\n  technology: "Go"\n}\n// '],
    // The same with a vertical tab, which `trimEnd` also removes.
    ['comment ending in a vertical tab', ',\r\nidp\n:  // trailing <b>x</b> 100/s \u000b\r\ntrue\r\n'],
    // Formatter: a block comment's line breaks follow the file's line breaks.
    ['block comment with LF in a CRLF file', 'service a\r\n/* multi\nline */\r\nservice b\r\n'],
    // Quick fix: "Suppress with @allow…" inserted the annotation at the start of the line, before
    // a property that shares the line with the connection, which does not parse.
    ['@allow on a connection that shares its line with a property', 'cdn edge { origin: web\n  bypassWhen: authe -> nticated\n}\nservice web\n'],
];

describe('fuzz regressions', () => {
    for (const [name, text] of FOUND) {
        test(name, async () => {
            await analyse({ 'main.arch': text }, { quickFixes: true });
        });
    }
});
