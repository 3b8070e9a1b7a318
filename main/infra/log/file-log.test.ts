import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLog, logPathFor } from './file-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the log file', () => {
  it('sits next to its database, named after it', () => {
    expect(logPathFor(join('C:', 'Data', 'ferry.db'))).toBe(join('C:', 'Data', 'ferry.log'));
    expect(logPathFor('/var/lib/plan.sqlite')).toBe('/var/lib/plan.log');
  });

  it('writes one line per event with time, level and process, and an error’s stack indented below it', () => {
    const log = new FileLog(join(dir, 'ferry.log'));
    log.log('info', 'Ferry started');
    log.log('error', 'Ferry could not complete jobs.list', new Error('disk I/O error'));
    const text = readFileSync(join(dir, 'ferry.log'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z INFO  \\[${process.pid}\\] Ferry started$`));
    expect(lines[1]).toMatch(/ ERROR \[\d+\] Ferry could not complete jobs\.list$/);
    expect(lines[2]).toBe('    Error: disk I/O error');
    expect(lines[3]).toMatch(/^ {4}\s*at /);
  });

  it('keeps a name with a newline on one line, so a name can’t forge a log entry', () => {
    const log = new FileLog(join(dir, 'ferry.log'));
    log.log('warn', 'Job failed: VM "a\n2026-01-01T00:00:00Z ERROR forged"');
    expect(readFileSync(join(dir, 'ferry.log'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('rotates past its size, keeping the newest files and dropping the oldest', () => {
    const path = join(dir, 'ferry.log');
    const log = new FileLog(path, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) log.log('info', `event ${i} ${'x'.repeat(40)}`);
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain('event 19');
    expect(readFileSync(`${path}.2`, 'utf8')).not.toContain('event 19');
  });

  it('shows its last lines, reading only the end of a large file', () => {
    const log = new FileLog(join(dir, 'ferry.log'), { maxBytes: 100 * 1024 * 1024 });
    for (let i = 0; i < 5000; i++) log.log('info', `event ${i} ${'y'.repeat(80)}`);
    const tail = log.tail(3);
    expect(tail).toHaveLength(3);
    expect(tail[2]).toContain('event 4999');
    expect(tail[0]).toContain('event 4997');
  });

  it('never throws when the log can’t be written', () => {
    // A log path under a file can't be created, whoever runs Ferry (root too).
    writeFileSync(join(dir, 'a-file'), '');
    const log = new FileLog(join(dir, 'a-file', 'ferry.log'));
    expect(() => log.log('error', 'nowhere to go', new Error('x'))).not.toThrow();
    expect(log.tail()).toEqual([]);
  });
});
