import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createAppServices, createHandlers } from '../services/app-services.js';
import { startHeadlessHost, type HeadlessHost } from '../server/headless-host.js';

/** Options for the headless host's composition root. */
export interface RunHeadlessOptions {
  databasePath: string;
  port: number;
  /** The simulator's time compression; default: the setting. */
  speed?: number;
  io: { out: (text: string) => void; err: (text: string) => void };
  /** Resolve instead of waiting for a signal (tests). */
  detached?: boolean;
}

/** The built renderer (two levels above this module, source or bundle); FERRY_RENDERER_DIR points elsewhere (a test's folder). */
export const rendererDir = (): string => process.env.FERRY_RENDERER_DIR ?? join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'renderer');

/**
 * Starts the backend and the headless host on 127.0.0.1, prints the console's URL, and runs until
 * SIGINT or SIGTERM, then closes the database cleanly.
 */
export async function runHeadless(options: RunHeadlessOptions): Promise<HeadlessHost> {
  // Signals are caught from the very start: one that comes while the backend starts (its moves may already be
  // running) stops it cleanly as soon as it is up, instead of killing the process mid-write.
  let signalled = false;
  let wake: (() => void) | null = null;
  const onSignal = (): void => {
    signalled = true;
    wake?.();
  };
  const listen = (on: boolean): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) (on ? process.on : process.off).call(process, signal, onSignal);
  };
  if (!options.detached) listen(true);
  try {
    return await serve(
      options,
      () => signalled,
      (resolve) => (wake = resolve),
    );
  } finally {
    listen(false);
  }
}

/** Starts the backend and the host, then (unless detached) serves until `signalled`, waiting through `onWake`. */
async function serve(options: RunHeadlessOptions, signalled: () => boolean, onWake: (resolve: () => void) => void): Promise<HeadlessHost> {
  const services = await createAppServices({ databasePath: options.databasePath, seedDemo: true, runner: 'app', speed: options.speed });
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  const systemLocale = process.env.LANG?.match(/^([a-z]{2})[_-]/i)?.[1] ?? locale;
  const handlers = createHandlers(services, { transport: 'websocket', systemLocale });
  const host = await startHeadlessHost({ handlers, hub: services.hub, staticDir: rendererDir(), port: options.port, log: options.io.err });
  // Never the token: the log is for sharing.
  services.log.log('info', `Headless host started on ${new URL(host.url).host} for ${services.databasePath}`);
  options.io.out(`Ferry console: ${host.url}`);
  options.io.out(`Database: ${services.databasePath}`);
  const stop = async (): Promise<void> => {
    await host.close();
    await services.close();
  };
  if (options.detached) return { ...host, close: stop };
  // The last line of defence, not the fix: every handler answers bad input itself. Should anything
  // still escape, note it and keep serving, so running moves are not killed with the process.
  const escaped = (e: unknown): void => {
    options.io.err(`Ferry kept serving after an unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    services.log.log('error', 'Ferry kept serving after an unexpected error', e);
  };
  process.on('uncaughtException', escaped);
  process.on('unhandledRejection', escaped);
  if (!signalled()) await new Promise<void>(onWake);
  process.off('uncaughtException', escaped);
  process.off('unhandledRejection', escaped);
  await stop();
  return host;
}
