import { say } from '../../shared/i18n/text.js';
import {
  checkConnectionChange,
  WINRM_HTTPS_PORT,
  type ConnectionSettings,
  type ConnectionSettingsChange,
  type ConnectionSettingsView,
  type ConnectorKind,
} from '../../shared/model/connection.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import type { SecretStore } from '../domain/connector/secret-store.js';
import { nameKey } from '../domain/storage-paths/names.js';
import type { ConnectionRepository } from '../infra/db/connection-repository.js';
import type { PsTarget } from '../infra/connectors/hyperv/scripts.js';

/**
 * Host groups' connection settings (Host > Connection Settings…, `ferry connection`): which connector
 * runs a group's actions and how PowerShell reaches its hosts. A password goes through the secret
 * store on its way in and is stored only as ciphertext; where there is no store, it is refused.
 */
export class ConnectionService {
  constructor(
    private readonly repo: ConnectionRepository,
    private readonly secrets: SecretStore,
    private readonly inventory: () => InventoryDocument,
  ) {}

  /** The inventory's spelling of a host group, or null if it has no such group. */
  private group(name: string): string | null {
    const doc = this.inventory();
    const k = nameKey(name.trim());
    return doc.hostGroups.find((g) => nameKey(g) === k) ?? doc.hosts.find((h) => nameKey(h.hostGroup) === k)?.hostGroup ?? null;
  }

  private view(settings: ConnectionSettings): ConnectionSettingsView {
    return { ...settings, passwordStorage: this.secrets.availability() };
  }

  /** A group's settings (the simulator if nobody set them), with whether a password could be stored here. */
  get(hostGroup: string): Result<ConnectionSettingsView> {
    const group = this.group(hostGroup);
    if (group === null) return err('host-group-not-found', say('err.noGroupName', { group: hostGroup }));
    return ok(this.view({ ...this.repo.get(group), hostGroup: group }));
  }

  /** Every host group of the inventory with its settings. */
  list(): ConnectionSettings[] {
    const doc = this.inventory();
    const groups = [...doc.hostGroups];
    for (const h of doc.hosts) if (!groups.some((g) => nameKey(g) === nameKey(h.hostGroup))) groups.push(h.hostGroup);
    return groups.map((g) => ({ ...this.repo.get(g), hostGroup: g }));
  }

  /** Changes a group's settings: checked as the dialog checks them; the password encrypted before it is stored. */
  set(change: ConnectionSettingsChange): Result<ConnectionSettingsView> {
    const group = this.group(change.hostGroup);
    if (group === null) return err('host-group-not-found', say('err.noGroupName', { group: change.hostGroup }));
    const current = this.repo.get(group);
    const checked = checkConnectionChange(current, { ...change, hostGroup: group }, this.secrets.availability());
    if (!checked.ok) {
      return err('connection-invalid', checked.problems.map((p) => p.message).join(' '), { problems: checked.problems });
    }
    const { settings, newPassword, dropPassword } = checked.value;
    let cipher: Uint8Array | 'keep' | null = 'keep';
    if (newPassword !== null) {
      try {
        cipher = this.secrets.encrypt(newPassword);
      } catch (e) {
        return err('password-storage-unavailable', `The password could not be encrypted: ${(e as Error).message}`, {
          problems: [{ field: 'password', code: 'password-storage-unavailable', message: (e as Error).message }],
        });
      }
    } else if (dropPassword) {
      cipher = null;
    }
    return ok(this.view(this.repo.put(settings, cipher)));
  }

  /** Which connector acts on a group's hosts. */
  connectorOf(hostGroup: string): ConnectorKind {
    return this.repo.get(hostGroup).connector;
  }

  /** How PowerShell reaches a group's hosts, with the password decrypted for this run only. */
  targetFor(hostGroup: string): Result<PsTarget> {
    const s = this.repo.get(hostGroup);
    if (s.identity !== 'credentials' || s.mode !== 'winrm-https') return ok({ mode: s.mode, port: WINRM_HTTPS_PORT, credential: null });
    const cipher = this.repo.passwordCipher(hostGroup);
    const availability = this.secrets.availability();
    if (!cipher || s.userName === null) {
      return err('password-missing', `${hostGroup} signs in as a user, but no password is stored for it.`, {
        recommendedAction: 'Set the password in Host > Connection Settings in the Ferry desktop app, or sign in with the current Windows identity.',
      });
    }
    if (!availability.available) {
      return err(
        'password-unreadable',
        `${hostGroup} signs in as ${s.userName}, whose password only the Ferry desktop app can decrypt. ${availability.reason ?? ''}`.trim(),
        {
          recommendedAction:
            'Run this action from the Ferry desktop app, or set the host group to sign in with the current Windows identity (ferry connection GROUP --set identity=current).',
        },
      );
    }
    try {
      return ok({ mode: s.mode, port: WINRM_HTTPS_PORT, credential: { userName: s.userName, password: this.secrets.decrypt(cipher) } });
    } catch (e) {
      return err(
        'password-unreadable',
        `The stored password of ${hostGroup} could not be decrypted (${(e as Error).message}); it was stored by another Windows user or on another computer.`,
        {
          recommendedAction: 'Enter the password again in Host > Connection Settings.',
        },
      );
    }
  }
}
