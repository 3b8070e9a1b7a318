import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { HYPERV_SCRIPTS, hypervScriptsDir, type HyperVScript, type PsError, type PsRecord, type PsRequest, type PsTarget } from './scripts.js';

/** How the connector starts PowerShell. */
export interface PowerShellRunnerOptions {
  /**
   * The PowerShell executable: FERRY_POWERSHELL, else `powershell.exe` (Windows PowerShell 5.1, which
   * has the Hyper-V module) on Windows and `pwsh` elsewhere.
   */
  executable?: string;
  /** Arguments before PowerShell's own (a test's stand-in script). */
  prefixArgs?: readonly string[];
  /** Where the scripts are (default: resources/scripts/hyperv). */
  scriptsDir?: string;
  /** Extra environment for the process (a test's stand-in mode). */
  env?: Readonly<Record<string, string>>;
  /** How long a move may take to stop after a cancel before its process is killed. */
  cancelGraceMs?: number;
  /** How long a process may live after its last record before it is killed. */
  exitGraceMs?: number;
}

/** How a script run ended. Never an exception: the connector turns each into words an admin can act on. */
export type PsOutcome =
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; error: PsError }
  | { kind: 'canceled'; vmHost: string }
  /** PowerShell could not be started (not installed, not on PATH, not allowed). */
  | { kind: 'not-started'; executable: string; message: string }
  /** The process ended without a result: it crashed, was killed, or wrote nothing Ferry understands. */
  | { kind: 'crashed'; exitCode: number | null; signal: string | null; detail: string }
  /** A cancel was not confirmed in time; the process was killed. */
  | { kind: 'cancel-timeout' };

/** A script running: its process id, how it ends, and a way to ask it to stop. */
export interface PsRun {
  readonly pid: number | undefined;
  /** Resolves once, after the process has exited and been reaped; never rejects. */
  readonly done: Promise<PsOutcome>;
  /** Asks the script to stop (a `{"type":"cancel"}` line); kills it if it has not ended after the grace. */
  cancel(): void;
}

/** Every process this Ferry started and has not seen exit: killed if Ferry itself exits. */
const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

function killTree(child: ChildProcessWithoutNullStreams): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32' && child.pid !== undefined) {
    // PowerShell's own children (jobs) go too.
    spawnSync('taskkill', ['/PID', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
  } else {
    child.kill('SIGKILL');
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killTree(child);
  });
}

/** The PowerShell this machine would run, as the runner picks it. */
export function defaultPowerShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.FERRY_POWERSHELL || (platform === 'win32' ? 'powershell.exe' : 'pwsh');
}

const MAX_LINE = 64 * 1024 * 1024;
const MAX_NOISE = 8 * 1024;

/**
 * Runs the connector's fixed PowerShell scripts and speaks their line protocol: the request as one
 * line of JSON on standard input, records as lines of JSON on standard output. The command line is
 * always the same fixed flags and the script's path; no value from the inventory is ever on it.
 */
export class PowerShellRunner {
  readonly executable: string;
  private readonly prefixArgs: readonly string[];
  private readonly scriptsDir: string;
  private readonly env: Readonly<Record<string, string>>;
  private readonly cancelGraceMs: number;
  private readonly exitGraceMs: number;

  constructor(options: PowerShellRunnerOptions = {}) {
    this.executable = options.executable ?? defaultPowerShell();
    this.prefixArgs = options.prefixArgs ?? [];
    this.scriptsDir = options.scriptsDir ?? hypervScriptsDir();
    this.env = options.env ?? {};
    this.cancelGraceMs = options.cancelGraceMs ?? 60_000;
    this.exitGraceMs = options.exitGraceMs ?? 5_000;
  }

  /** The exact command line for a script: fixed flags and the script's file, nothing else. */
  commandLine(script: HyperVScript): string[] {
    if (!Object.prototype.hasOwnProperty.call(HYPERV_SCRIPTS, script)) throw new Error(`Not a Ferry connector script: ${String(script)}`);
    return [...this.prefixArgs, '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(this.scriptsDir, HYPERV_SCRIPTS[script])];
  }

  /** Runs a script with its arguments as data; `onRecord` sees every progress record as it comes. */
  run<A>(script: HyperVScript, target: PsTarget, args: A, onRecord: (record: PsRecord) => void = () => undefined): PsRun {
    const request: PsRequest<A> = { protocol: 1, target, args };
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.executable, this.commandLine(script), {
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        shell: false,
        env: { ...process.env, ...this.env },
      });
    } catch (e) {
      const outcome: PsOutcome = { kind: 'not-started', executable: this.executable, message: (e as Error).message };
      return { pid: undefined, done: Promise.resolve(outcome), cancel: () => undefined };
    }
    installExitHook();
    live.add(child);

    let terminal: PsOutcome | null = null;
    let startError: Error | null = null;
    let canceled = false;
    let cancelTimedOut = false;
    let noise = '';
    let pending = '';
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void): void => {
      const t = setTimeout(fn, ms);
      t.unref();
      timers.push(t);
    };
    const addNoise = (text: string): void => {
      if (noise.length < MAX_NOISE) noise = (noise + text).slice(0, MAX_NOISE);
    };

    const onLine = (line: string): void => {
      const trimmed = line.trim();
      if (trimmed === '') return;
      let record: PsRecord;
      try {
        record = JSON.parse(trimmed) as PsRecord;
      } catch {
        addNoise(`${trimmed}\n`);
        return;
      }
      if (record === null || typeof record !== 'object' || typeof (record as { type?: unknown }).type !== 'string') {
        addNoise(`${trimmed}\n`);
        return;
      }
      if (terminal) return;
      switch (record.type) {
        case 'result':
          terminal = { kind: 'result', value: record.value };
          break;
        case 'error':
          terminal = { kind: 'error', error: normalizeError(record) };
          break;
        case 'canceled':
          terminal = { kind: 'canceled', vmHost: String(record.vmHost) };
          break;
        default:
          onRecord(record);
          return;
      }
      // The script has said how it ended: let it exit by itself, or end it.
      child.stdin.end();
      later(this.exitGraceMs, () => killTree(child));
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      if (pending.length > MAX_LINE) {
        addNoise('(an output line was too long and was dropped)\n');
        pending = '';
      }
      let nl = pending.indexOf('\n');
      while (nl !== -1) {
        onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => addNoise(chunk));
    // A child that died before reading its input: the write fails, the exit says the rest.
    child.stdin.on('error', () => undefined);
    child.stdin.write(`${JSON.stringify(request)}\n`);

    const done = new Promise<PsOutcome>((resolve) => {
      child.on('error', (e) => {
        startError = e;
        if (child.pid === undefined) {
          live.delete(child);
          for (const t of timers) clearTimeout(t);
          resolve({ kind: 'not-started', executable: this.executable, message: e.message });
        }
      });
      child.on('close', (exitCode, signal) => {
        live.delete(child);
        for (const t of timers) clearTimeout(t);
        if (pending.trim() !== '') onLine(pending);
        if (startError && child.pid === undefined) {
          resolve({ kind: 'not-started', executable: this.executable, message: startError.message });
        } else if (terminal) {
          resolve(terminal);
        } else if (canceled && cancelTimedOut) {
          resolve({ kind: 'cancel-timeout' });
        } else {
          resolve({ kind: 'crashed', exitCode, signal, detail: noise.trim() });
        }
      });
    });

    return {
      pid: child.pid,
      done,
      cancel: () => {
        if (canceled || terminal || child.exitCode !== null) return;
        canceled = true;
        if (child.stdin.writable) child.stdin.write('{"type":"cancel"}\n');
        later(this.cancelGraceMs, () => {
          cancelTimedOut = true;
          killTree(child);
        });
      },
    };
  }
}

function normalizeError(record: { type: 'error' } & Partial<PsError>): PsError {
  return {
    message: typeof record.message === 'string' ? record.message : '',
    hresults: Array.isArray(record.hresults) ? record.hresults.map(String) : [],
    errorId: typeof record.errorId === 'string' ? record.errorId : '',
    category: typeof record.category === 'string' ? record.category : '',
    messageIds: Array.isArray(record.messageIds) ? record.messageIds.map(Number).filter(Number.isFinite) : [],
    vmHost: typeof record.vmHost === 'string' && record.vmHost !== '' ? record.vmHost : null,
  };
}
