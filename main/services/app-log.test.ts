import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppLog } from '../../shared/contract/invoke.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, createHandlers, dispatch, type AppServices } from './app-services.js';

// The main process's log (issue 12 point 10): next to the database, with ended jobs and the stack of
// every internal error, and Help > View log… reading it back through `app.log`.

let dir: string;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-applog-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => new ManualConnector() });
});
afterEach(async () => {
  await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the log', () => {
  it('sits next to the database and says where it is in app.info', async () => {
    const handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'it-IT' });
    const info = await dispatch(handlers, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { logPath: join(dir, 'ferry.log') } });
  });

  it('records each ended job once, a failure with its problem and recommended action', async () => {
    const failed = await s.inventory.importText('broken.json', '{ "format": "ferry-inventory" ');
    expect(failed.ok).toBe(false);
    s.hub.flush();
    const handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'en-US' });
    const log = (await dispatch(handlers, 'app.log', {})) as { ok: true; value: AppLog };
    const ended = log.value.lines.filter((l) => l.includes('Import inventory broken.json'));
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatch(
      / WARN {2}\[\d+\] Job [0-9a-f-]{36} "Import inventory broken\.json" \(import-inventory, target .*\) ended Failed: .+ Recommended action: .+/,
    );
  });

  it('keeps the stack of an internal error that a request met, while the request gets internal-error', async () => {
    const handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'en-US' });
    s.db.close();
    const answer = await dispatch(handlers, 'jobs.list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal-error' } });
    const text = readFileSync(join(dir, 'ferry.log'), 'utf8');
    expect(text).toMatch(/ ERROR \[\d+\] Internal error in jobs\.list\n {4}TypeError: The database connection is not open\n {4}\s*at /);
  });
});
