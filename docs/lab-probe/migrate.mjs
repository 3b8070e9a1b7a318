// Live migration probe: two QEMU (TCG) processes on 127.0.0.1, driven over QMP.
// node migrate.mjs [--ram 256] [--gmem 64] [--rate 10] [--multifd N] [--zstd] [--bw MiBps] [--port 4444]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { Qmp, evTime } from './qmp.mjs';
const D = '/tmp/qemu-probe';
const a = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((s) => { const [k, v] = s.trim().split(/\s+/); return [k, v ?? true]; }));
const ram = +(a.ram ?? 256), gmem = +(a.gmem ?? 64), rate = +(a.rate ?? 10), port = +(a.port ?? 4444);
const tag = a.tag ?? 'm';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const procs = [];
function vm(name, extra) {
  for (const f of [`${D}/${name}.qmp`, `${D}/${name}.log`]) rmSync(f, { force: true });
  const args = ['-accel', 'tcg', '-m', String(ram), '-nodefaults', '-display', 'none', '-no-reboot',
    '-kernel', `${D}/guest/vmlinuz`, '-initrd', `${D}/guest/initramfs.gz`,
    '-append', `console=ttyS0 quiet panic=-1 ferry_mem=${gmem} ferry_rate=${rate}`,
    '-serial', `file:${D}/${name}.log`, '-qmp', `unix:${D}/${name}.qmp,server=on,wait=off`, ...extra];
  const p = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'inherit', 'inherit'] }); p.on('exit', (c, s) => console.log(`  [${name} exited code=${c} sig=${s}]`));
  procs.push(p); return p;
}
const log = (n) => (existsSync(`${D}/${n}.log`) ? readFileSync(`${D}/${n}.log`, 'utf8') : '');
const hbs = (n) => [...log(n).matchAll(/FERRY HB seq=(\d+) up_ms=(\d+) gap_ms=(\d+).*errors=(\d+)/g)].map((m) => ({ seq: +m[1], up: +m[2], gap: +m[3], errors: +m[4] }));
async function main() {
  const t0 = Date.now();
  vm(`${tag}-src`, []);
  const src = await Qmp.connect(`${D}/${tag}-src.qmp`);
  while (hbs(`${tag}-src`).length < 2) await sleep(100);
  const bootMs = Date.now() - t0;
  vm(`${tag}-dst`, ['-incoming', 'defer']);
  const dst = await Qmp.connect(`${D}/${tag}-dst.qmp`);
  const events = [];
  for (const [n, q] of [['src', src], ['dst', dst]]) q.on('event', (e) => events.push({ n, ...e }));
  const caps = [{ capability: 'events', state: true }];
  if (a.multifd) caps.push({ capability: 'multifd', state: true });
  const params = {};
  if (a.multifd) params['multifd-channels'] = +a.multifd;
  if (a.zstd) params['multifd-compression'] = 'zstd';
  for (const q of [src, dst]) { await q.execute('migrate-set-capabilities', { capabilities: caps }); if (Object.keys(params).length) await q.execute('migrate-set-parameters', params); }
  if (a.bw) await src.execute('migrate-set-parameters', { 'max-bandwidth': Math.round(+a.bw * 1048576) });
  const uri = `tcp:127.0.0.1:${port}`;
  await dst.execute('migrate-incoming', { uri });
  const hbBefore = hbs(`${tag}-src`).length;
  const tm = Date.now();
  await src.execute('migrate', { uri });
  let info, polls = 0, cancelled = false;
  for (;;) {
    info = await src.execute('query-migrate');
    if (polls++ % 10 === 0 && info.ram) console.log(`  [${info.status}] transferred=${(info.ram.transferred / 1048576).toFixed(1)}MiB remaining=${(info.ram.remaining / 1048576).toFixed(1)}MiB dirty-rate=${info.ram['dirty-pages-rate']}pg/s passes=${info.ram['dirty-sync-count']} expected-downtime=${info['expected-downtime']}`);
    if (['completed', 'failed', 'cancelled'].includes(info.status)) break;
    if (Date.now() - tm > +(a.timeout ?? 120) * 1000) { if (!cancelled) { console.log('  timeout -> migrate_cancel'); cancelled = true; await src.execute('migrate_cancel'); } }
    await sleep(100);
  }
  const wall = Date.now() - tm;
  const dstStatus = await dst.execute('query-status').catch((e) => ({ status: 'dst gone: ' + e.message }));
  const srcStatus = await src.execute('query-status');
  await sleep(4000);
  const stop = events.find((e) => e.n === 'src' && e.event === 'STOP');
  const resume = events.find((e) => e.n === 'dst' && e.event === 'RESUME');
  const dh = hbs(`${tag}-dst`); const sh = hbs(`${tag}-src`);
  const r = {
    args: a, qemu: src.greeting.QMP.version.qemu, bootMsToSecondHB: bootMs, status: info.status, error: info['error-desc'],
    wallMs: wall, totalTimeMs: info['total-time'], setupTimeMs: info['setup-time'], downtimeMs: info.downtime,
    stopToResumeMs: stop && resume ? +(evTime(resume) - evTime(stop)).toFixed(1) : null,
    ramTransferredMiB: +(info.ram?.transferred / 1048576).toFixed(1), ramTotalMiB: info.ram?.total / 1048576,
    duplicatePages: info.ram?.duplicate, normalPages: info.ram?.normal, mbps: info.ram?.mbps, dirtySyncCount: info.ram?.['dirty-sync-count'],
    precopyIterations: info.ram?.['dirty-sync-count'], srcStatus: srcStatus.status, dstStatus: dstStatus.status,
    srcHeartbeatsBefore: hbBefore, dstHeartbeatsAfter: dh.length, dstLastHB: dh.at(-1), srcLastHB: sh.at(-1),
    maxGapOnDstMs: dh.length ? Math.max(...dh.map((h) => h.gap)) : null,
    corrupt: /CORRUPT/.test(log(`${tag}-dst`)) || /CORRUPT/.test(log(`${tag}-src`)),
    migrationEvents: events.filter((e) => e.event === 'MIGRATION').map((e) => `${e.n}:${e.data.status}`).join(','),
  };
  console.log(JSON.stringify(r, null, 1));
  for (const q of [src, dst]) q.execute('quit').catch(() => {});
  await sleep(500);
}
main().catch((e) => { console.error('FAIL', e); process.exitCode = 1; }).finally(() => procs.forEach((p) => p.exitCode === null && p.kill('SIGKILL')));
