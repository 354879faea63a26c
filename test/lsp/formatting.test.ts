import { afterEach, describe, expect, test } from 'vitest';
import { expectFormatting } from 'langium/test';
import { formatArch, reindent } from '../../src/format/format.js';
import { formatArchText } from '../../src/format/format-text.js';
import { tokenize } from '../../src/format/tokens.js';
import { editorServices } from '../support/services.js';
import { archFiles } from '../support/examples.js';

const { services, reset } = editorServices();
const format = expectFormatting(services);

afterEach(() => reset());

/** The design fixture and every example file, by path → text. */
const EXAMPLES = archFiles(['test/fixtures/design-example.arch', 'examples']);

const comments = (text: string) => tokenize(text).filter(t => t.type === 'comment').map(t => t.text);

describe('formatting', () => {
    test('indents blocks by two spaces and puts one statement on each line', async () => {
        await format({
            before: 'zone vpc "VPC" { trust: private service a "A" { replicas: 2 }\nservice b }\na->b:https',
            after: 'zone vpc "VPC" {\n  trust: private\n  service a "A" { replicas: 2 }\n  service b\n}\n\na -> b : https\n',
        });
    });

    test('spaces properties, connections, protocols and qualified names canonically', async () => {
        await format({
            before: 'broker bus {topic t}\nservice a{-> bus . t:kafka + tls "pub"{timeout:2s retries :1}}\n',
            after: 'broker bus { topic t }\nservice a { -> bus.t : kafka+tls "pub" { timeout: 2s  retries: 1 } }\n',
        });
        await format({
            before: 'gateway g {route "/o"->orders:grpc{public:true}}\nservice orders\n',
            after: 'gateway g { route "/o" -> orders : grpc { public: true } }\nservice orders\n',
        });
    });

    test('aligns the values of consecutive properties in a block', async () => {
        await format({
            before: 'database db {\n    engine: "postgres"\n  replicas: 2\n\n  encrypted: true\n}\n',
            after: 'database db {\n  engine:   "postgres"\n  replicas: 2\n\n  encrypted: true\n}\n',
        });
    });

    test('keeps comments, aligns trailing ones and collapses blank lines', async () => {
        await format({
            before: '// header\n\n\n\nservice a // the a\nservice bb   // the b\n/* block */ service c\n',
            after: '// header\n\nservice a   // the a\nservice bb  // the b\n/* block */\nservice c\n',
        });
    });

    test('puts annotations on their own line and drops optional property separators', async () => {
        await format({
            before: 'service a\nservice b\n@allow( sync-cycle , "ok" ) a -> b { timeout: 1s, retries: 2; }\n',
            after: 'service a\nservice b\n\n@allow(sync-cycle, "ok")\na -> b { timeout: 1s  retries: 2 }\n',
        });
    });

    test('keeps a flow\'s properties on their own lines, like its steps', async () => {
        await format({
            before: 'client a\nservice b\na -> b\nflow f {\nslo: { availability: 99.9%  latency: 300ms }\n    a -> b\n}\n',
            after: 'client a\nservice b\na -> b\n\nflow f {\n  slo: { availability: 99.9%  latency: 300ms }\n  a -> b\n}\n',
        });
    });

    test('only re-indents text with syntax errors', async () => {
        await format({
            before: 'zone z {\nservice a {  replicas:   2\n-> \n}\n}\n',
            after: 'zone z {\n  service a {  replicas:   2\n    ->\n  }\n}\n',
        });
        expect(reindent('a {\n\n\n\tb\n}')).toBe('a {\n\n  b\n}\n');
    });

    test('formats a range only when the change stays inside it', async () => {
        await format({ before: 'service a{replicas:2}\nservice b\n', after: 'service a { replicas: 2 }\nservice b\n', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } });
        await format({ before: 'service a{replicas:2}\nservice b\n', after: 'service a{replicas:2}\nservice b\n', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } });
    });

    test('keeps CRLF line endings', () => {
        const { text } = formatArchText('service a {\r\n  replicas: 2\r\n}\r\nservice b\r\n', services);
        expect(text).toBe('service a {\r\n  replicas: 2\r\n}\r\n\r\nservice b\r\n');
    });

    test('formats empty and comment-only files', () => {
        expect(formatArch('', undefined)).toBe('');
        expect(formatArchText('   \n\n', services).text).toBe('');
        expect(formatArchText('// only a comment', services).text).toBe('// only a comment\n');
    });

    test('is idempotent on the examples with their whitespace shuffled', () => {
        let seed = 42;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const gaps = ['', ' ', '  ', '\n', '\n\n\n', '\t', ' \n   '];
        for (const [file, original] of EXAMPLES) {
            const tokens = tokenize(original);
            for (let variant = 0; variant < 8; variant++) {
                let text = '';
                tokens.forEach((token, i) => {
                    const previous = tokens[i - 1];
                    if (previous) {
                        const gap = original.slice(previous.end, token.offset);
                        const mustBreak = previous.type === 'comment' && previous.lineComment;
                        // Keep tokens apart where they were apart (names must not merge).
                        let chosen = gap.length === 0 ? '' : gaps[1 + Math.floor(random() * (gaps.length - 1))];
                        if (mustBreak && !chosen.includes('\n')) chosen = '\n';
                        text += chosen;
                    }
                    text += token.text;
                });
                const once = formatArchText(text, services);
                expect(once.syntaxErrors, `${file} variant ${variant}`).toBe(false);
                expect(formatArchText(once.text, services).text, `${file} variant ${variant}`).toBe(once.text);
                expect(comments(once.text)).toEqual(comments(original));
            }
        }
    });

    for (const [file, original] of EXAMPLES) {
        test(`is idempotent and keeps every comment and token of ${file}`, () => {
            const once = formatArchText(original, services);
            expect(once.syntaxErrors).toBe(false);
            expect(formatArchText(once.text, services).text).toBe(once.text);
            expect(comments(once.text)).toEqual(comments(original));
            const significant = (text: string) => tokenize(text).filter(t => t.type !== 'comment' && t.text !== ',' && t.text !== ';').map(t => t.text);
            expect(significant(once.text)).toEqual(significant(original));
        });
    }
});
