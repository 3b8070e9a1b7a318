import { describe, expect, it } from 'vitest';
import { assertSupportedQemu, detectQemuVersion, parseQemuVersionOutput, QemuVersionError } from './qemu-version.js';

const out = (v: string, pkg: string) => `QEMU emulator version ${v} (${pkg})\nCopyright (c) 2003-2025 Fabrice Bellard and the QEMU Project developers\n`;

describe('parseQemuVersionOutput + assertSupportedQemu', () => {
  it('refuses Debian 12 QEMU 7.2.x, saying why and how to install QEMU 10', () => {
    for (const v of ['7.2.0', '7.2.19']) {
      const parsed = parseQemuVersionOutput(out(v, 'Debian 1:7.2+dfsg-7+deb12u16'));
      expect(parsed.major).toBe(7);
      let err: unknown;
      try {
        assertSupportedQemu(parsed);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(QemuVersionError);
      expect((err as QemuVersionError).reason).toBe('too-old');
      const msg = (err as Error).message;
      expect(msg).toContain(`QEMU ${v}`);
      expect(msg).toMatch(/corrupts guests under software emulation \(TCG\).*several passes/);
      expect(msg).toContain('apt-get install -t bookworm-backports qemu-system-x86 qemu-utils');
      expect(msg).toContain('bookworm-backports main');
    }
  });

  it('accepts 8.0 (no micro part) and 10.0.2', () => {
    expect(assertSupportedQemu(parseQemuVersionOutput('QEMU emulator version 8.0\n'))).toEqual({ major: 8, minor: 0, micro: 0 });
    expect(assertSupportedQemu(parseQemuVersionOutput(out('10.0.2', 'Debian 1:10.0.2+ds-2+deb13u1~bpo12+1')))).toEqual({ major: 10, minor: 0, micro: 2 });
  });

  it('gives a clear error for output without a version', () => {
    for (const garbage of ['', 'bash: qemu: command not found', 'QEMU emulator version x.y']) {
      expect(() => parseQemuVersionOutput(garbage)).toThrow(/Could not read a QEMU version.*Expected "QEMU emulator version X.Y.Z"/);
    }
  });

  it('says how to install QEMU when the binary is missing', async () => {
    await expect(detectQemuVersion('ferry-no-such-qemu-binary')).rejects.toThrow(/was not found on PATH.*apt-get install -t bookworm-backports/);
  });
});
