/**
 * The fast reference walk used by linking and the reference index finds exactly the references
 * Langium's generic tree streams find, in the same order.
 */
import { readFileSync } from 'node:fs';
import { AstUtils, EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { collectReferences } from '../../src/language/archway-references.js';
import { createArchwayCoreServices } from '../../src/language/archway-module.js';
import { generateModel } from '../../bench/generate-model.js';
import { loadWorkspace } from '../support/services.js';

const parser = createArchwayCoreServices(EmptyFileSystem).Archway.parser.LangiumParser;

function langiumReferences(text: string): string[] {
    const root = parser.parse(text).value;
    return AstUtils.streamAst(root).flatMap(node => AstUtils.streamReferences(node))
        .map(info => `${info.container.$type}.${info.property}[${info.index ?? ''}] ${info.reference.$refText}`).toArray();
}

function fastReferences(text: string): string[] {
    return collectReferences(parser.parse(text).value)
        .map(info => `${info.container.$type}.${info.property}[${info.index ?? ''}] ${info.reference.$refText}`);
}

describe('reference walk', () => {
    test('finds the same references as Langium in the online shop example', () => {
        const text = readFileSync(new URL('../../examples/online-shop/shop.arch', import.meta.url), 'utf8');
        expect(fastReferences(text)).toEqual(langiumReferences(text));
    });

    test('finds the same references as Langium in a generated 240-component model', () => {
        const text = generateModel({ components: 240 })['main.arch'];
        expect(fastReferences(text)).toEqual(langiumReferences(text));
    });

    test('links references inside nested zones, connections, flows and views without errors', async () => {
        const workspace = await loadWorkspace({
            'main.arch': 'zone a { zone b { service s { -> t } } }\nservice t\nbroker k { topic e }\ns ~> k.e\nview v { include s, t }\nflow f { s -> t "call" }\n',
        });
        const errors = workspace.diagnostics('main.arch').filter(d => d.severity === 1).map(d => d.message);
        expect(errors).toEqual([]);
    });
});
