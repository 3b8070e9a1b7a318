/**
 * Which QEMU Ferry will drive. QEMU 7.2 (Debian 12's own) corrupts guests under software emulation (TCG) once
 * a live migration takes more than a few passes, so Ferry refuses anything older than 8 and says how to get
 * QEMU 10 from bookworm-backports. The parse and the check are pure; `detectQemuVersion` runs the binary.
 */
import { execFile } from 'node:child_process';

/** The oldest QEMU major version Ferry accepts. */
export const MIN_QEMU_MAJOR = 8;

/** The default QEMU binary (x86-64 system emulator). */
export const QEMU_BINARY = 'qemu-system-x86_64';

export interface QemuVersion {
  major: number;
  minor: number;
  micro: number;
}

/** How to install a suitable QEMU on Debian 12 (bookworm). */
export const QEMU_INSTALL_HINT =
  'Install QEMU 10 from Debian bookworm-backports: add "deb http://deb.debian.org/debian bookworm-backports main" ' +
  'to /etc/apt/sources.list.d/backports.list, run "apt-get update", then ' +
  '"apt-get install -t bookworm-backports qemu-system-x86 qemu-utils" (without -t, apt picks 7.2).';

/** Why a QEMU can't be used: missing, unrecognisable output, or too old. */
export class QemuVersionError extends Error {
  constructor(
    readonly reason: 'not-found' | 'unparseable' | 'too-old',
    message: string,
  ) {
    super(message);
    this.name = 'QemuVersionError';
  }
}

/** Formats a version as `major.minor.micro`. */
export function formatQemuVersion(v: QemuVersion): string {
  return `${v.major}.${v.minor}.${v.micro}`;
}

/**
 * Parses `qemu-system-x86_64 --version` output, e.g. `QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2…)`.
 * Throws `QemuVersionError('unparseable')` if it holds no version.
 */
export function parseQemuVersionOutput(output: string): QemuVersion {
  const m = /QEMU emulator version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!m) {
    const shown = output.trim().split('\n')[0]?.slice(0, 120) || '(no output)';
    throw new QemuVersionError('unparseable', `Could not read a QEMU version from "${shown}". Expected "QEMU emulator version X.Y.Z".`);
  }
  return { major: Number(m[1]), minor: Number(m[2]), micro: Number(m[3] ?? 0) };
}

/**
 * Refuses QEMU older than `MIN_QEMU_MAJOR`, saying why and how to upgrade. `source` names where the version
 * came from (a binary path, "QMP greeting") for the message.
 */
export function assertSupportedQemu(v: QemuVersion, source: string = QEMU_BINARY): QemuVersion {
  if (v.major < MIN_QEMU_MAJOR) {
    throw new QemuVersionError(
      'too-old',
      `QEMU ${formatQemuVersion(v)} (${source}) is too old: Ferry needs QEMU ${MIN_QEMU_MAJOR} or later, because ` +
        'QEMU 7.2 corrupts guests under software emulation (TCG) once a live migration takes several passes. ' +
        QEMU_INSTALL_HINT,
    );
  }
  return v;
}

/** Runs `<binary> --version`, parses it and refuses versions older than 8. */
export function detectQemuVersion(binary: string = QEMU_BINARY, timeoutMs = 10_000): Promise<QemuVersion> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['--version'], { timeout: timeoutMs }, (err, stdout) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'was not found on PATH' : `could not be run (${err.message})`;
        reject(new QemuVersionError('not-found', `${binary} ${why}. ${QEMU_INSTALL_HINT}`));
        return;
      }
      try {
        resolve(assertSupportedQemu(parseQemuVersionOutput(stdout), binary));
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}
