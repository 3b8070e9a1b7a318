// Storage probe: (1) local blockdev-mirror + pivot (job-complete); (2) shared-nothing: mirror to NBD export on dst, then migrate RAM.
import { spawn, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Qmp } from './qmp.mjs';
const D = '/tmp/qemu-probe', S = `${D}/stor`; rmSync(S, { recursive: true, force: true }); execFileSync('mkdir', ['-p', S]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms)); const procs = [];
const img = (f, size = '256M') => execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', f, size]);
function vm(name, disk, extra = []) {
  const p = spawn('qemu-system-x86_64', ['-accel', 'tcg', '-m', '256', '-nodefaults', '-display', 'none', '-no-reboot',
    '-kernel', `${D}/guest/vmlinuz`, '-initrd', `${D}/guest/initramfs.gz`, '-append', 'console=ttyS0 quiet ferry_mem=64 ferry_rate=10',
    '-serial', `file:${S}/${name}.log`, '-qmp', `unix:${S}/${name}.qmp,server=on,wait=off`,
    '-blockdev', `driver=file,filename=${disk},node-name=f0`, '-blockdev', 'driver=qcow2,file=f0,node-name=disk0',
    '-device', 'virtio-blk-pci,drive=disk0,id=vd0', ...extra], { stdio: 'inherit' });
  procs.push(p); return Qmp.connect(`${S}/${name}.qmp`);
}
const waitEv = (q, name, pred = () => true) => new Promise((res) => { const f = (e) => { if (e.event === name && pred(e)) { q.off('event', f); res(e); } }; q.on('event', f); });
async function main() {
  img(`${S}/src.qcow2`);
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0xab 0 100M', '-c', 'write -P 0xcd 150M 50M', `${S}/src.qcow2`]);
  const src = await vm('src', `${S}/src.qcow2`);
  // (1) local mirror + pivot
  img(`${S}/mirror.qcow2`);
  await src.execute('blockdev-add', { driver: 'qcow2', 'node-name': 'tgt', file: { driver: 'file', filename: `${S}/mirror.qcow2` } });
  let t = Date.now(); const ready = waitEv(src, 'BLOCK_JOB_READY');
  await src.execute('blockdev-mirror', { 'job-id': 'm1', device: 'disk0', target: 'tgt', sync: 'full' });
  await ready; const readyMs = Date.now() - t;
  const jobs = await src.execute('query-block-jobs');
  const done = waitEv(src, 'BLOCK_JOB_COMPLETED');
  await src.execute('job-complete', { id: 'm1' }); const c = await done;
  const blk = await src.execute('query-block');
  console.log('local mirror: ready after', readyMs, 'ms; len', jobs[0]?.len, 'completed', JSON.stringify(c.data), 'device now on', blk[0].inserted.file);
  execFileSync('qemu-img', ['compare', '-U', `${S}/src.qcow2`, `${S}/mirror.qcow2`]); console.log('qemu-img compare src vs mirror: identical');
  // (2) shared-nothing: the VM's disk is now mirror.qcow2 (node 'tgt'); mirror it to an NBD export on the destination
  img(`${S}/dst.qcow2`);
  const dst = await vm('dst', `${S}/dst.qcow2`, ['-incoming', 'defer', '-S']);
  await dst.execute('nbd-server-start', { addr: { type: 'inet', data: { host: '127.0.0.1', port: '10809' } } });
  await dst.execute('block-export-add', { type: 'nbd', id: 'exp0', 'node-name': 'disk0', writable: true, name: 'disk0' });
  await src.execute('blockdev-add', { driver: 'nbd', 'node-name': 'nbdtgt', server: { type: 'inet', host: '127.0.0.1', port: '10809' }, export: 'disk0' });
  t = Date.now(); const r2 = waitEv(src, 'BLOCK_JOB_READY');
  await src.execute('blockdev-mirror', { 'job-id': 'm2', device: 'tgt', target: 'nbdtgt', sync: 'full' });
  await r2; const nbdReadyMs = Date.now() - t;
  await dst.execute('migrate-incoming', { uri: 'tcp:127.0.0.1:4460' });
  t = Date.now(); await src.execute('migrate', { uri: 'tcp:127.0.0.1:4460' });
  let info; do { await sleep(100); info = await src.execute('query-migrate'); } while (!['completed', 'failed', 'cancelled'].includes(info.status));
  const migMs = Date.now() - t;
  const end = waitEv(src, 'BLOCK_JOB_COMPLETED'); await src.execute('block-job-cancel', { device: 'm2' }); await end; // ready mirror: cancel = consistent finish without pivot
  await src.execute('blockdev-del', { 'node-name': 'nbdtgt' });
  await dst.execute('block-export-del', { id: 'exp0' }); await dst.execute('nbd-server-stop'); await dst.execute('cont');
  console.log('shared-nothing: nbd mirror ready', nbdReadyMs, 'ms; migrate', info.status, 'in', migMs, 'ms downtime', info.downtime, 'ms; dst', (await dst.execute('query-status')).status);
  await sleep(3000);
  await dst.execute('quit').catch(() => {}); await src.execute('quit').catch(() => {}); await sleep(500);
  execFileSync('qemu-img', ['compare', `${S}/mirror.qcow2`, `${S}/dst.qcow2`]); console.log('qemu-img compare src disk vs dst disk: identical');
  console.log('dst serial tail:', execFileSync('tail', ['-1', `${S}/dst.log`]).toString().trim());
}
main().catch((e) => { console.error('FAIL', e); process.exitCode = 1; }).finally(() => procs.forEach((p) => p.exitCode === null && p.kill('SIGKILL')));
