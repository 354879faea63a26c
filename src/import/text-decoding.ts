/**
 * Input files as text: UTF-8 (a byte-order mark dropped), or a reason it is not text — a
 * binary file, or bytes that are not UTF-8, with the line where they start. Shared by every
 * importer (the command line's and the MCP server's readers) and the drift rules' reader, so
 * a file is accepted or refused the same way everywhere. Pure.
 */

/** Decoded text, or why the bytes are not text (1-based line when it is known). */
export type DecodedText = { text: string } | { problem: string; line?: number };

/** The bytes as text, or the reason they are not. */
export function decodeText(bytes: Uint8Array): DecodedText {
    if (bytes.includes(0)) return { problem: 'A binary file, not text.' };
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return { problem: 'Not UTF-8 text.', line: lineAtByte(bytes, firstInvalidUtf8(bytes)) };
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return line;
}

/** Offset of the first byte that does not decode: the longest prefix that does, by bisection. */
function firstInvalidUtf8(bytes: Uint8Array): number {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let low = 0;
    let high = bytes.length;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        try {
            decoder.decode(bytes.subarray(0, mid), { stream: true });
            low = mid;
        } catch {
            high = mid - 1;
        }
    }
    return low;
}
