// Writes a gzip'd newc cpio with /init (static binary), /dev/console, /proc, /dev. No cpio(1) needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const [initPath, out] = process.argv.slice(2);
const entries = [
  { name: 'dev', mode: 0o040755 },
  { name: 'proc', mode: 0o040755 },
  { name: 'dev/console', mode: 0o020600, rmaj: 5, rmin: 1 },
  { name: 'init', mode: 0o100755, data: readFileSync(initPath) },
];
const pad4 = (n) => (4 - (n % 4)) % 4;
const parts = []; let ino = 1;
const hex = (n) => n.toString(16).padStart(8, '0');
function add(e) {
  const data = e.data ?? Buffer.alloc(0); const name = Buffer.from(e.name + '\0');
  const hdr = '070701' + [ino++, e.mode, 0, 0, 1, 0, data.length, 0, 0, e.rmaj ?? 0, e.rmin ?? 0, name.length, 0].map(hex).join('');
  parts.push(Buffer.from(hdr), name, Buffer.alloc(pad4(110 + name.length)), data, Buffer.alloc(pad4(data.length)));
}
entries.forEach(add); add({ name: 'TRAILER!!!', mode: 0 });
writeFileSync(out, gzipSync(Buffer.concat(parts)));
