import type { ConnectionSettings } from '../../../shared/model/connection.js';
import { defaultConnectionSettings } from '../../../shared/model/connection.js';
import type { Db } from './open.js';

interface Row {
  host_group: string;
  connector: ConnectionSettings['connector'];
  mode: ConnectionSettings['mode'];
  identity: ConnectionSettings['identity'];
  user_name: string | null;
  has_password: number;
}

const SELECT = 'SELECT host_group, connector, mode, identity, user_name, password_cipher IS NOT NULL AS has_password FROM connection_settings';

function toSettings(row: Row): ConnectionSettings {
  return {
    hostGroup: row.host_group,
    connector: row.connector,
    mode: row.mode,
    identity: row.identity,
    userName: row.user_name,
    hasPassword: row.has_password === 1,
    saved: true,
  };
}

/**
 * Host groups' connection settings. A password is stored only as the ciphertext a SecretStore made;
 * this repository never sees a password in clear text.
 */
export class ConnectionRepository {
  constructor(private readonly db: Db) {}

  /** A group's settings, or the defaults (the simulator) for a group nobody configured. */
  get(hostGroup: string): ConnectionSettings {
    const row = this.db.prepare(`${SELECT} WHERE host_group = ?`).get(hostGroup) as Row | undefined;
    return row ? toSettings(row) : defaultConnectionSettings(hostGroup);
  }

  /** Every configured group, by path. */
  list(): ConnectionSettings[] {
    return (this.db.prepare(`${SELECT} ORDER BY host_group`).all() as Row[]).map(toSettings);
  }

  /** The stored password ciphertext of a group, or null. */
  passwordCipher(hostGroup: string): Uint8Array | null {
    const blob = this.db.prepare('SELECT password_cipher FROM connection_settings WHERE host_group = ?').pluck().get(hostGroup) as Buffer | null | undefined;
    return blob ? new Uint8Array(blob) : null;
  }

  /**
   * Stores a group's settings in one statement. `cipher`: new ciphertext to store, `'keep'` the one
   * stored, or null to drop it.
   */
  put(settings: ConnectionSettings, cipher: Uint8Array | 'keep' | null, now: Date = new Date()): ConnectionSettings {
    const blob = cipher === 'keep' ? this.passwordCipher(settings.hostGroup) : cipher;
    this.db
      .prepare(
        `INSERT INTO connection_settings (host_group, connector, mode, identity, user_name, password_cipher, updated_at)
         VALUES (@hostGroup, @connector, @mode, @identity, @userName, @cipher, @now)
         ON CONFLICT(host_group) DO UPDATE SET connector = excluded.connector, mode = excluded.mode, identity = excluded.identity,
           user_name = excluded.user_name, password_cipher = excluded.password_cipher, updated_at = excluded.updated_at`,
      )
      .run({
        hostGroup: settings.hostGroup,
        connector: settings.connector,
        mode: settings.mode,
        identity: settings.identity,
        userName: settings.userName,
        cipher: blob ? Buffer.from(blob) : null,
        now: now.toISOString(),
      });
    return this.get(settings.hostGroup);
  }
}
