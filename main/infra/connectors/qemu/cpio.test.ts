import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CPIO_TYPE, cpioNewcGzip } from './cpio.js';

interface Parsed {
  name: string;
  ino: number;
  mode: number;
  nlink: number;
  size: number;
  rdevMajor: number;
  rdevMinor: number;
  data: Buffer;
  headerOffset: number;
}

/** Reads a newc archive the way the kernel's initramfs unpacker does, checking magic, alignment and NULs. */
function parseNewc(archive: Buffer): Parsed[] {
  const out: Parsed[] = [];
  let off = 0;
  for (;;) {
    const headerOffset = off;
    expect(off % 4).toBe(0);
    expect(archive.toString('ascii', off, off + 6)).toBe('070701');
    const field = (i: number) => parseInt(archive.toString('ascii', off + 6 + i * 8, off + 14 + i * 8), 16);
    const [ino, mode, , , nlink, , size, , , rdevMajor, rdevMinor, nameSize, check] = Array.from({ length: 13 }, (_, i) => field(i));
    expect(check).toBe(0);
    off += 110;
    expect(archive[off + nameSize - 1]).toBe(0);
    const name = archive.toString('utf8', off, off + nameSize - 1);
    off += nameSize;
    off += (4 - (off % 4)) % 4;
    const data = archive.subarray(off, off + size);
    off += size;
    off += (4 - (off % 4)) % 4;
    if (name === 'TRAILER!!!') {
      expect(off).toBe(archive.length);
      return out;
    }
    out.push({ name, ino, mode, nlink, size, rdevMajor, rdevMinor, data, headerOffset });
  }
}

describe('cpioNewcGzip', () => {
  it('writes the initramfs layout the lab guest boots: directories, /dev/console and an executable /init', () => {
    const init = Buffer.from('\x7fELF pretend static binary, 37 bytes');
    const archive = gunzipSync(
      cpioNewcGzip([
        { name: 'dev', mode: CPIO_TYPE.directory | 0o755 },
        { name: 'proc', mode: CPIO_TYPE.directory | 0o755 },
        { name: 'dev/console', mode: CPIO_TYPE.charDevice | 0o600, rdevMajor: 5, rdevMinor: 1 },
        { name: 'init', mode: CPIO_TYPE.file | 0o755, data: init },
      ]),
    );
    const entries = parseNewc(archive);
    expect(entries.map((e) => [e.name, e.mode.toString(8)])).toEqual([
      ['dev', '40755'],
      ['proc', '40755'],
      ['dev/console', '20600'],
      ['init', '100755'],
    ]);
    const console = entries[2];
    expect([console.rdevMajor, console.rdevMinor, console.size]).toEqual([5, 1, 0]);
    expect(entries[3].data.equals(init)).toBe(true);
    expect(new Set(entries.map((e) => e.ino)).size).toBe(entries.length);
    expect(entries.every((e) => e.nlink === 1)).toBe(true);
  });

  it('pads names and data of every length to 4 bytes so the next header is aligned', () => {
    const entries = Array.from({ length: 9 }, (_, i) => ({
      name: 'f'.repeat(i + 1),
      mode: CPIO_TYPE.file | 0o644,
      data: Buffer.alloc(i, i + 1),
    }));
    const parsed = parseNewc(gunzipSync(cpioNewcGzip(entries)));
    expect(parsed.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    parsed.forEach((e, i) => expect(e.data.equals(entries[i].data)).toBe(true));
  });

  it('keeps only the bytes of a Uint8Array view, not its whole backing buffer', () => {
    const backing = Buffer.from('xxxxHELLOyyyy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 5);
    const [entry] = parseNewc(gunzipSync(cpioNewcGzip([{ name: 'hello', mode: CPIO_TYPE.file | 0o644, data: view }])));
    expect(entry.data.toString()).toBe('HELLO');
  });

  it('refuses absolute names and the trailer name, which the kernel would misread', () => {
    expect(() => cpioNewcGzip([{ name: '/init', mode: CPIO_TYPE.file | 0o755 }])).toThrow(/relative path/);
    expect(() => cpioNewcGzip([{ name: '', mode: CPIO_TYPE.file | 0o755 }])).toThrow(/relative path/);
    expect(() => cpioNewcGzip([{ name: 'TRAILER!!!', mode: 0 }])).toThrow(/TRAILER/);
  });
});
