/**
 * Lists the entries of a zip archive (a `.vsix`) by reading its central directory; no
 * dependency on an `unzip` binary.
 */

/** One archive entry. */
export interface ZipEntry {
    name: string;
    compressedSize: number;
    size: number;
}

/** The entries of the zip in `data`. */
export function listZip(data: Buffer): ZipEntry[] {
    // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
    let end = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
        if (data.readUInt32LE(i) === 0x06054b50) {
            end = i;
            break;
        }
    }
    if (end < 0) throw new Error('Not a zip archive: no end of central directory.');
    const count = data.readUInt16LE(end + 10);
    let offset = data.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`Bad central directory entry at ${offset}.`);
        const compressedSize = data.readUInt32LE(offset + 20);
        const size = data.readUInt32LE(offset + 24);
        const nameLength = data.readUInt16LE(offset + 28);
        const extraLength = data.readUInt16LE(offset + 30);
        const commentLength = data.readUInt16LE(offset + 32);
        entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), compressedSize, size });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}
