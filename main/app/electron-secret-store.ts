import type { SafeStorage } from 'electron';
import type { SecretStore } from '../domain/connector/secret-store.js';

/** The part of Electron's safeStorage the secret store uses. */
export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * The desktop app's SecretStore: Electron's safeStorage, which encrypts with the operating system's
 * key for the signed-in user (DPAPI on Windows, the Keychain on macOS, the keyring on Linux). Where it
 * would only obfuscate (Linux without a keyring: the `basic_text` backend), it counts as unavailable,
 * so a password is refused rather than stored nearly in clear. Use it after the app is ready.
 */
export function safeStorageSecretStore(safeStorage: SafeStorageApi, platform: NodeJS.Platform = process.platform): SecretStore {
  const availability = (): { available: boolean; reason: string | null } => {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        available: false,
        reason: 'The operating system offers no encryption for this user here (Electron safeStorage is unavailable), so Ferry will not store a password.',
      };
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        available: false,
        reason:
          'This desktop has no keyring (GNOME Keyring or KWallet), so a stored password would be protected only by a fixed key; Ferry will not store one.',
      };
    }
    return { available: true, reason: null };
  };
  return {
    availability,
    encrypt: (plain) => {
      const a = availability();
      if (!a.available) throw new Error(a.reason ?? 'Encryption is unavailable.');
      return new Uint8Array(safeStorage.encryptString(plain));
    },
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher)),
  };
}
