/**
 * Reading one `.arch` file from disk for the CLI, without ever blocking or failing the run: a
 * file that cannot be read as `.arch` text (a FIFO or device, no permission, a symlink loop,
 * binary data, bytes that are not UTF-8, more than 5 MB) is described as an `unreadable-file`
 * finding about that file, with the reason and, for bad bytes, where they are.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { MAX_FILE_BYTES } from '../language/archway-limits.js';

/** Why a file (or folder) was not checked, and where in it (1-based; 1:1 when it is the whole file). */
export interface UnreadableFile {
    /** Absolute path of the file or folder. */
    path: string;
    /** One or two sentences. */
    message: string;
    line: number;
    column: number;
}

/** The text of a readable file, or why it is not one. */
export type ReadResult = { text: string; unreadable?: undefined } | { text?: undefined; unreadable: UnreadableFile };

const ERRNO_REASONS: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'its symbolic links form a loop',
    EIO: 'an input/output error',
    ENAMETOOLONG: 'its name is too long',
};

/** "permission denied (EACCES)" for an error from `fs`. */
export function errnoReason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (!code) return error instanceof Error ? error.message : String(error);
    return ERRNO_REASONS[code] ? `${ERRNO_REASONS[code]} (${code})` : code;
}

/** What a path that is neither a file nor a folder is, for a message. */
export function specialFileKind(stats: Stats): string {
    if (stats.isFIFO()) return 'a named pipe (FIFO)';
    if (stats.isSocket()) return 'a socket';
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
    return 'not a regular file';
}

/** An `unreadable-file` finding on the whole file. */
export function unreadable(path: string, message: string, line = 1, column = 1): { unreadable: UnreadableFile } {
    return { unreadable: { path, message, line, column } };
}

/**
 * Reads `path` as `.arch` text (UTF-8, a leading BOM dropped). Never throws and never opens a
 * FIFO or device (reading one blocks forever).
 */
export function readArchFile(path: string): ReadResult {
    let stats: Stats;
    try {
        stats = statSync(path);
    } catch (error) {
        return unreadable(path, `The file cannot be read: ${errnoReason(error)}.`);
    }
    if (!stats.isFile()) return unreadable(path, `This is ${specialFileKind(stats)}, not a regular file; it was not read.`);
    if (stats.size > MAX_FILE_BYTES) {
        return unreadable(path, `The file is ${(stats.size / 1024 / 1024).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not checked.`);
    }
    let buffer: Buffer;
    try {
        buffer = readFileSync(path);
    } catch (error) {
        return unreadable(path, `The file cannot be read: ${errnoReason(error)}.`);
    }
    const problem = textProblem(buffer);
    if (problem) return unreadable(path, problem.message, problem.line, problem.column);
    let text = buffer.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
}

/** Why `bytes` are not `.arch` text (a NUL byte, or not UTF-8), with the place of the first bad byte. */
export function textProblem(bytes: Uint8Array): { message: string; line: number; column: number } | undefined {
    const nul = bytes.indexOf(0);
    const invalid = nul >= 0 || isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
    if (nul < 0 && invalid < 0) return undefined;
    const offset = nul >= 0 && (invalid < 0 || nul < invalid) ? nul : invalid;
    const { line, column } = positionOf(bytes, offset);
    const message = offset === nul
        ? 'The file contains a NUL byte here, so it is binary data, not .arch text; it was not checked.'
        : `The byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')} here is not UTF-8; save the file as UTF-8 text to have it checked.`;
    return { message, line, column };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        let length: number;
        let min: number;
        if (b < 0x80) {
            i++;
            continue;
        } else if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else return i;
        if (i + length > bytes.length) return i;
        let codePoint = b & (0xff >> (length + 1));
        for (let j = 1; j < length; j++) {
            const c = bytes[i + j];
            if ((c & 0xc0) !== 0x80) return i;
            codePoint = (codePoint << 6) | (c & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
        i += length;
    }
    return -1;
}

/** 1-based line and column (in UTF-16 code units, as editors count) of a byte offset; `\n`, `\r\n` and a lone `\r` end lines. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        const b = bytes[i];
        if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
            line++;
            lineStart = i + 1;
        }
    }
    const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8');
    const bom = lineStart === 0 && before.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { line, column: before.length - bom + 1 };
}
