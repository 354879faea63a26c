/**
 * What `archway export` was asked for, read from its arguments alone: its options, the output
 * format (named, or implied by the output file's extension) and whether the export lays out a
 * diagram. Small on purpose: the command line reads it before loading the export bundle.
 */
import { extname } from 'node:path';
import { INTEROP_FORMAT_INFO, INTEROP_FORMATS, isInteropFormat } from '../interop/export/formats.js';
import { parseArgs, type OptionKinds, type ParsedArgs } from './args.js';

/** The formats `--format` takes. */
export const FORMATS = ['svg', 'png', 'json', ...INTEROP_FORMATS, 'markdown'] as const;
export type Format = typeof FORMATS[number];

/** The options of `archway export`. */
export const EXPORT_OPTION_KINDS: OptionKinds = {
    view: 'string', flow: 'string', format: 'string', theme: 'string', output: 'string', direction: 'string', scale: 'string',
    collapse: 'string', expand: 'string', help: 'boolean',
};

/** Output file extensions that name a format (`-o model.c4` means likec4): a format's name, or its extension. */
const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
    svg: 'svg', png: 'png', json: 'json',
    ...Object.fromEntries(INTEROP_FORMATS.flatMap(format => [[format, format], [INTEROP_FORMAT_INFO[format].extension, format]])),
};

/** The format asked for: `--format`, else the one `-o`'s extension names, else SVG (not checked against `FORMATS`). */
export function requestedFormat(args: ParsedArgs): string {
    const output = args.options.output;
    const outputExt = output && output !== '-' ? extname(output).slice(1).toLowerCase() : '';
    return args.options.format ?? EXTENSION_FORMATS[outputExt] ?? 'svg';
}

/** Whether an export to `format` lays out a diagram (pictures and view formats do; whole-model formats do not). */
export function formatLaysOut(format: string): boolean {
    return !isInteropFormat(format) || INTEROP_FORMAT_INFO[format].scope === 'view';
}

/**
 * Whether the command line `argv` (`export …`, without `node` and the script) will lay out a
 * diagram: an export to a picture or a view format, not `--help`. False for anything it cannot
 * read (the command itself then says what is wrong).
 */
export function exportLaysOut(argv: readonly string[]): boolean {
    if (argv[0] !== 'export') return false;
    let args: ParsedArgs;
    try {
        args = parseArgs(argv.slice(1), EXPORT_OPTION_KINDS);
    } catch {
        return false;
    }
    return !args.flags.has('help') && formatLaysOut(requestedFormat(args));
}
