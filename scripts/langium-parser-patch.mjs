/**
 * A build-time patch of Langium's parser builder (`langium/lib/parser/parser-builder-base.js`)
 * that removes allocations from the parser's hot path without changing what it parses.
 *
 * Langium builds each grammar alternative (`a | b | c`), repetition (`*`, `+`) and option
 * (`?`) as a function that, at every call, makes fresh `{ ALT, GATE }` / `{ DEF, GATE }`
 * objects and closures over the call's rule arguments before handing them to Chevrotain, and
 * each group as a `forEach` with a fresh closure. Parsing a 2,000-component file makes hundreds
 * of thousands of these short-lived objects. The patched builder makes those objects once per
 * grammar element and passes the current call's arguments through a variable that each call
 * sets and restores (calls nest when rules recurse; Chevrotain calls `ALT`, `DEF` and `GATE`
 * only during the call), and runs groups with a plain loop. After each parse, Langium links every AST node to its
 * container through `Object.entries` and a `forEach` closure per node (a fifth of a parse's
 * allocations); the patched `linkContentToContainer` walks `Object.keys` with plain loops and
 * sets the same `$container`, `$containerProperty` and `$containerIndex`; and
 * `assignMandatoryProperties` (once per AST node) lists a type's properties with a default
 * value once per type instead of `Object.values` of all its properties per node; and a CST
 * node's first non-hidden child is found with an indexed loop.
 *
 * Every replacement must match the installed Langium exactly: a mismatch (after a Langium
 * upgrade) fails the build instead of silently leaving the parser unpatched.
 */
import { readFile } from 'node:fs/promises';

/**
 * The text of a parser call whose options (`setup`, lines declaring them, built once) read the
 * arguments of the innermost running call through `current`, which each call sets and restores
 * (calls nest when rules recurse; Chevrotain calls `ALT`, `DEF` and `GATE` only during the call).
 */
function builtOnce(indent, setup, call) {
    return [
        '// Patched (scripts/langium-parser-patch.mjs): built once, reading the innermost call\'s arguments.',
        'let current;',
        ...setup,
        'return (args) => {',
        '    const outer = current;',
        '    current = args;',
        '    try {',
        `        ${call};`,
        '    }',
        '    finally {',
        '        current = outer;',
        '    }',
        '};',
    ].map(line => indent + line).join('\n');
}

/** Options with `DEF` and, when `gated`, `GATE` for `many`, `atLeastOne` and `optional`. */
const DEF_OPTIONS = (gated) => [
    'const options = {',
    '    DEF: () => method(current),',
    ...(gated ? ['    GATE: gate ? () => gate(current) : undefined'] : []),
    '};',
];

/** Langium's parser builder's text and what replaces it, in order. */
const BUILDER_REPLACEMENTS = [
    [
        `        const idx = ctx.or++;
        return (args) => ctx.parser.alternatives(idx, methods.map(method => {
            const alt = {
                ALT: () => method.ALT(args)
            };
            const gate = method.GATE;
            if (gate) {
                alt.GATE = () => gate(args);
            }
            return alt;
        }));`,
        '        const idx = ctx.or++;\n' + builtOnce('        ', [
            'const alts = methods.map(method => {',
            '    const alt = {',
            '        ALT: () => method.ALT(current)',
            '    };',
            '    const gate = method.GATE;',
            '    if (gate) {',
            '        alt.GATE = () => gate(current);',
            '    }',
            '    return alt;',
            '});',
        ], 'ctx.parser.alternatives(idx, alts)'),
    ],
    [
        `    if (cardinality === '*') {
        const idx = ctx.many++;
        return (args) => ctx.parser.many(idx, {
            DEF: () => method(args),
            GATE: gate ? () => gate(args) : undefined
        });
    }`,
        "    if (cardinality === '*') {\n        const idx = ctx.many++;\n"
            + builtOnce('        ', DEF_OPTIONS(true), 'ctx.parser.many(idx, options)') + '\n    }',
    ],
    [
        `        else {
            return (args) => ctx.parser.atLeastOne(idx, {
                DEF: () => method(args),
            });
        }`,
        '        else {\n' + builtOnce('            ', DEF_OPTIONS(false), 'ctx.parser.atLeastOne(idx, options)') + '\n        }',
    ],
    [
        `        const idx = ctx.optional++;
        return (args) => ctx.parser.optional(idx, {
            DEF: () => method(args),
            GATE: gate ? () => gate(args) : undefined
        });`,
        '        const idx = ctx.optional++;\n' + builtOnce('        ', DEF_OPTIONS(true), 'ctx.parser.optional(idx, options)'),
    ],
    [
        `    return (args) => methods.forEach(method => method(args));`,
        `    // Patched (scripts/langium-parser-patch.mjs): a loop instead of a closure per call.
    return (args) => {
        for (let i = 0; i < methods.length; i++) {
            methods[i](args);
        }
    };`,
    ],
];

/** Langium's AST utilities' text and what replaces it. */
const AST_UTILS_REPLACEMENTS = [
    [
        `export function linkContentToContainer(node, options = {}) {
    for (const [name, value] of Object.entries(node)) {
        if (!name.startsWith('$')) {
            if (Array.isArray(value)) {
                value.forEach((item, index) => {
                    if (isAstNode(item)) {
                        item.$container = node;
                        item.$containerProperty = name;
                        item.$containerIndex = index;
                        if (options.deep) {
                            linkContentToContainer(item, options);
                        }
                    }
                });
            }
            else if (isAstNode(value)) {
                value.$container = node;
                value.$containerProperty = name;
                if (options.deep) {
                    linkContentToContainer(value, options);
                }
            }
        }
    }
}`,
        `export function linkContentToContainer(node, options = {}) {
    // Patched (scripts/langium-parser-patch.mjs): the same own enumerable keys in the same
    // order as Object.entries, without a [name, value] pair per property or a closure per array.
    const deep = options.deep;
    const names = Object.keys(node);
    for (let n = 0; n < names.length; n++) {
        const name = names[n];
        if (name.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value = node[name];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                if (!(index in value)) {
                    continue; // forEach skips holes
                }
                const item = value[index];
                if (isAstNode(item)) {
                    item.$container = node;
                    item.$containerProperty = name;
                    item.$containerIndex = index;
                    if (deep) {
                        linkContentToContainer(item, options);
                    }
                }
            }
        }
        else if (isAstNode(value)) {
            value.$container = node;
            value.$containerProperty = name;
            if (deep) {
                linkContentToContainer(value, options);
            }
        }
    }
}`,
    ],
    [
        `export function assignMandatoryProperties(reflection, node) {
    const typeMetaData = reflection.getTypeMetaData(node.$type);
    const genericNode = node;
    for (const property of Object.values(typeMetaData.properties)) {`,
        `/** Patched (scripts/langium-parser-patch.mjs): the properties with a default value, per type's (static) metadata. */
const propertiesWithDefaults = new WeakMap();
export function assignMandatoryProperties(reflection, node) {
    const typeMetaData = reflection.getTypeMetaData(node.$type);
    const genericNode = node;
    let properties = propertiesWithDefaults.get(typeMetaData);
    if (properties === undefined) {
        properties = Object.values(typeMetaData.properties).filter(property => property.defaultValue !== undefined);
        propertiesWithDefaults.set(typeMetaData, properties);
    }
    for (const property of properties) {`,
    ],
];

/**
 * Langium's CST node classes (`cst-node-builder.js`): a composite node's first non-hidden
 * child (read for every `range` and `offset`) with an indexed loop, as its last one already is.
 * The `for…of` allocated an iterator and a result per step while the code is still cold, which
 * it is for most of a fresh process's model build.
 */
const CST_NODE_REPLACEMENTS = [
    [
        `    get firstNonHiddenNode() {
        for (const child of this.content) {
            if (!child.hidden) {
                return child;
            }
        }
        return this.content[0];
    }`,
        `    get firstNonHiddenNode() {
        // Patched (scripts/langium-parser-patch.mjs): an indexed loop.
        const content = this.content;
        for (let i = 0; i < content.length; i++) {
            if (!content[i].hidden) {
                return content[i];
            }
        }
        return content[0];
    }`,
    ],
];

/** `source` with `replacements` applied; throws when one does not match exactly once. */
function patch(source, replacements, what) {
    let text = source.replaceAll('\r\n', '\n');
    for (const [from, to] of replacements) {
        const at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new Error(`langium-parser-patch: Langium's ${what} changed; expected exactly one of:\n${from}`);
        }
        text = text.slice(0, at) + to + text.slice(at + from.length);
    }
    return text;
}

/** Langium's parser builder (`parser-builder-base.js`) patched; throws when Langium's text changed. */
export function patchParserBuilder(source) {
    return patch(source, BUILDER_REPLACEMENTS, 'parser builder (lib/parser/parser-builder-base.js)');
}

/** Langium's AST utilities (`ast-utils.js`) patched; throws when Langium's text changed. */
export function patchAstUtils(source) {
    return patch(source, AST_UTILS_REPLACEMENTS, 'AST utilities (lib/utils/ast-utils.js)');
}

/** Langium's CST node classes (`cst-node-builder.js`) patched; throws when Langium's text changed. */
export function patchCstNodes(source) {
    return patch(source, CST_NODE_REPLACEMENTS, 'CST node classes (lib/parser/cst-node-builder.js)');
}

/** The esbuild plugin applying the patches to Langium's files. */
export const langiumParserPatch = {
    name: 'langium-parser-patch',
    setup(build) {
        build.onLoad({ filter: /[\\/]langium[\\/]lib[\\/]parser[\\/]parser-builder-base\.js$/ }, async (args) => ({
            contents: patchParserBuilder(await readFile(args.path, 'utf8')),
            loader: 'js',
        }));
        build.onLoad({ filter: /[\\/]langium[\\/]lib[\\/]utils[\\/]ast-utils\.js$/ }, async (args) => ({
            contents: patchAstUtils(await readFile(args.path, 'utf8')),
            loader: 'js',
        }));
        build.onLoad({ filter: /[\\/]langium[\\/]lib[\\/]parser[\\/]cst-node-builder\.js$/ }, async (args) => ({
            contents: patchCstNodes(await readFile(args.path, 'utf8')),
            loader: 'js',
        }));
    },
};
