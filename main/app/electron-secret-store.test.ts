import { describe, expect, it } from 'vitest';
import { safeStorageSecretStore, type SafeStorageApi } from './electron-secret-store.js';

// Electron's safeStorage can't run here; this stand-in encrypts reversibly so round trips can be checked.
const fake = (over: Partial<SafeStorageApi> = {}): SafeStorageApi => ({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(`v10${s}`).map((b) => b ^ 0x5a)),
  decryptString: (b) =>
    Buffer.from(b.map((x) => x ^ 0x5a))
      .toString()
      .slice(3),
  getSelectedStorageBackend: () => 'gnome_libsecret',
  ...over,
});

describe("the desktop app's secret store (Electron safeStorage)", () => {
  it('encrypts to bytes that do not hold the password, and decrypts them back', () => {
    const store = safeStorageSecretStore(fake(), 'win32');
    const cipher = store.encrypt('Hunter2-Password!');
    expect(Buffer.from(cipher).toString('latin1')).not.toContain('Hunter2');
    expect(store.decrypt(cipher)).toBe('Hunter2-Password!');
    expect(store.availability()).toEqual({ available: true, reason: null });
  });

  it('refuses to store a password when the operating system offers no encryption', () => {
    const store = safeStorageSecretStore(fake({ isEncryptionAvailable: () => false }), 'win32');
    expect(store.availability().available).toBe(false);
    expect(() => store.encrypt('x')).toThrow(/safeStorage is unavailable/);
  });

  it('counts Linux without a keyring (basic_text) as unavailable: a fixed key is no protection', () => {
    const store = safeStorageSecretStore(fake({ getSelectedStorageBackend: () => 'basic_text' }), 'linux');
    expect(store.availability()).toMatchObject({ available: false, reason: expect.stringMatching(/no keyring/) });
    expect(() => store.encrypt('x')).toThrow(/no keyring/);
  });
});
