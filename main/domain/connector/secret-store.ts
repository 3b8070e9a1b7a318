/**
 * The port for secrets (a host group's remoting password): encrypted by the operating system for
 * the signed-in user and stored only as that ciphertext. The desktop app implements it with
 * Electron's safeStorage (DPAPI on Windows); the headless host and the CLI have none, and say so.
 */
export interface SecretStore {
  /** Whether secrets can be encrypted here, and if not, why (shown to the admin). */
  availability(): { available: boolean; reason: string | null };
  /** Encrypts a secret; throws when unavailable. The answer is opaque bytes, safe to store. */
  encrypt(plain: string): Uint8Array;
  /** Decrypts what `encrypt` answered, on the same machine for the same user; throws otherwise. */
  decrypt(cipher: Uint8Array): string;
}

/** Why a process without Electron cannot store passwords. */
export const NO_SECRET_STORE_REASON =
  'Passwords can be stored only by the Ferry desktop app, which encrypts them for your Windows account (DPAPI, through Electron safeStorage); this Ferry process has no such store.';

/** A secret store for processes that have none (headless host, CLI): it refuses, with the reason. */
export const noSecretStore: SecretStore = {
  availability: () => ({ available: false, reason: NO_SECRET_STORE_REASON }),
  encrypt: () => {
    throw new Error(NO_SECRET_STORE_REASON);
  },
  decrypt: () => {
    throw new Error(NO_SECRET_STORE_REASON);
  },
};
