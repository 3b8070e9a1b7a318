// Minimal QMP client: newline-delimited JSON, id-matched replies, events, reject on close.
import net from 'node:net';
import { EventEmitter } from 'node:events';
export class Qmp extends EventEmitter {
  static async connect(path, { retries = 100 } = {}) {
    for (let i = 0; ; i++) {
      try { const q = new Qmp(); await q.#open(path); return q; }
      catch (e) { if (i >= retries) throw e; await new Promise((r) => setTimeout(r, 100)); }
    }
  }
  #sock; #buf = ''; #pending = new Map(); #id = 0; #closed = null; greeting;
  #open(path) {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(path);
      this.#sock = s;
      let greeted = false;
      s.on('error', (e) => { if (!greeted) reject(e); this.#close(e); });
      s.on('close', () => this.#close(new Error('QMP socket closed')));
      s.on('data', (d) => {
        this.#buf += d.toString('utf8');
        let i;
        while ((i = this.#buf.indexOf('\n')) >= 0) {
          const line = this.#buf.slice(0, i).trim(); this.#buf = this.#buf.slice(i + 1);
          if (!line) continue;
          const msg = JSON.parse(line);
          if (msg.QMP) { this.greeting = msg; greeted = true; this.execute('qmp_capabilities').then(() => resolve(), reject); }
          else if (msg.event) this.emit('event', msg);
          else if ('id' in msg && this.#pending.has(msg.id)) {
            const p = this.#pending.get(msg.id); this.#pending.delete(msg.id);
            if (msg.error) { const e = new Error(`${p.cmd}: ${msg.error.class}: ${msg.error.desc}`); e.qmp = msg.error; p.reject(e); }
            else p.resolve(msg.return);
          }
        }
      });
    });
  }
  #close(err) {
    if (this.#closed) return; this.#closed = err;
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear(); this.emit('close', err);
  }
  execute(cmd, args) {
    if (this.#closed) return Promise.reject(this.#closed);
    const id = ++this.#id;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, cmd });
      this.#sock.write(JSON.stringify(args ? { execute: cmd, arguments: args, id } : { execute: cmd, id }) + '\n');
    });
  }
  close() { this.#sock.end(); }
}
export const evTime = (ev) => ev.timestamp.seconds * 1000 + ev.timestamp.microseconds / 1000;
