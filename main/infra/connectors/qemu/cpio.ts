/**
 * Writes a gzip'd "newc" cpio archive, the format Linux unpacks as an initramfs, so the lab guest can be built
 * without cpio(1). Owner root, mtime 0, one link per entry: only what the kernel's unpacker reads.
 */
import { gzipSync } from 'node:zlib';

/** The file-type bits of a cpio mode (as in stat(2)): OR one with the permission bits. */
export const CPIO_TYPE = { file: 0o100000, directory: 0o040000, charDevice: 0o020000 } as const;

/** One archive member: a path without a leading slash, its full mode, its bytes (files) or device numbers. */
export interface CpioEntry {
  name: string;
  mode: number;
  data?: Uint8Array;
  rdevMajor?: number;
  rdevMinor?: number;
}

const MAGIC = '070701';
const HEADER_BYTES = 110;
const TRAILER = 'TRAILER!!!';
const MAX_FIELD = 0xffffffff;

const pad4 = (n: number): number => (4 - (n % 4)) % 4;
const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** Builds the archive (entries in order, then the trailer) and gzips it. */
export function cpioNewcGzip(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  const add = (e: CpioEntry): void => {
    const data = e.data ?? new Uint8Array(0);
    const name = Buffer.from(`${e.name}\0`);
    const fields = [ino++, e.mode, 0, 0, 1, 0, data.length, 0, 0, e.rdevMajor ?? 0, e.rdevMinor ?? 0, name.length, 0];
    if (fields.some((f) => !Number.isInteger(f) || f < 0 || f > MAX_FIELD)) {
      throw new RangeError(`cpio entry "${e.name}": a field is not a 32-bit unsigned number (mode, size or device numbers)`);
    }
    parts.push(Buffer.from(MAGIC + fields.map(hex8).join(''), 'ascii'), name, Buffer.alloc(pad4(HEADER_BYTES + name.length)));
    parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength), Buffer.alloc(pad4(data.length)));
  };
  for (const e of entries) {
    if (e.name === '' || e.name.startsWith('/') || e.name.includes('\0') || e.name === TRAILER) {
      throw new RangeError(`cpio entry name "${e.name}" must be a relative path (no leading "/") and not "${TRAILER}"`);
    }
    add(e);
  }
  add({ name: TRAILER, mode: 0 });
  return gzipSync(Buffer.concat(parts));
}
