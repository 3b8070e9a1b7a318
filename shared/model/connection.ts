/** How Ferry reaches the hosts of a host group (Host > Connection Settings…, `ferry connection`). */

/** Which connector runs a host group's actions: the built-in simulator, or real Hyper-V hosts through PowerShell. */
export const CONNECTOR_KIND_VALUES = ['simulator', 'hyperv'] as const;
/** A connector kind. */
export type ConnectorKind = (typeof CONNECTOR_KIND_VALUES)[number];

/**
 * How PowerShell reaches a Hyper-V host: `local` runs the Hyper-V cmdlets on this workstation with
 * `-ComputerName` (the current Windows identity); `winrm-https` runs them on the host through
 * PowerShell remoting over HTTPS (`Invoke-Command -UseSSL`, port 5986).
 */
export const CONNECTION_MODE_VALUES = ['local', 'winrm-https'] as const;
/** A connection mode. */
export type ConnectionMode = (typeof CONNECTION_MODE_VALUES)[number];

/** Whose identity remoting signs in with: the current Windows identity, or a stored user name and password. */
export const CONNECTION_IDENTITY_VALUES = ['current', 'credentials'] as const;
/** A connection identity. */
export type ConnectionIdentity = (typeof CONNECTION_IDENTITY_VALUES)[number];

/** The default WinRM HTTPS port. */
export const WINRM_HTTPS_PORT = 5986;

/** A host group's connection settings, as the console and the CLI show them (never the password itself). */
export interface ConnectionSettings {
  hostGroup: string;
  connector: ConnectorKind;
  mode: ConnectionMode;
  identity: ConnectionIdentity;
  /** `DOMAIN\user` or `user@domain.example` when `identity` is `credentials`. */
  userName: string | null;
  /** Whether an encrypted password is stored for this group. */
  hasPassword: boolean;
  /** False for a group that has never been set: the defaults (simulator) are in force. */
  saved: boolean;
}

/** A host group's settings with what this Ferry process can do about secrets. */
export interface ConnectionSettingsView extends ConnectionSettings {
  /** Whether this process can store a password (only the desktop app, through Electron's safeStorage). */
  passwordStorage: { available: boolean; reason: string | null };
}

/** A change to a host group's connection settings. `password` is never echoed back or stored in clear text. */
export interface ConnectionSettingsChange {
  hostGroup: string;
  connector?: ConnectorKind;
  mode?: ConnectionMode;
  identity?: ConnectionIdentity;
  userName?: string | null;
  /** A new password; omit (or null) to keep the stored one. */
  password?: string | null;
}

/** The settings of a host group nobody has configured: the simulator, so the demo estate keeps working. */
export function defaultConnectionSettings(hostGroup: string): ConnectionSettings {
  return { hostGroup, connector: 'simulator', mode: 'local', identity: 'current', userName: null, hasPassword: false, saved: false };
}

/** A Windows account name: `DOMAIN\user`, `user@domain.example`, or `.\user` for a local account. */
export const USER_NAME_PATTERN =
  /^(?:[^\\/:*?"<>|@\s][^\\/:*?"<>|@]{0,254}\\[^\\/:*?"<>|@\s][^\\/:*?"<>|@]{0,103}|[^\\/:*?"<>|@\s][^\\/:*?"<>|@\s]{0,103}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/;

/** A problem with a connection settings change: the field, a stable code, and a sentence to show. */
export interface ConnectionProblem {
  field: 'hostGroup' | 'connector' | 'mode' | 'identity' | 'userName' | 'password';
  code:
    | 'host-group-required'
    | 'credentials-need-winrm'
    | 'user-name-required'
    | 'user-name-invalid'
    | 'password-required'
    | 'password-unexpected'
    | 'password-storage-unavailable';
  message: string;
}

/** What a checked change resolves to: the settings to store, and what to do with the password. */
export interface CheckedConnectionChange {
  settings: ConnectionSettings;
  /** A new password to encrypt and store, or null. */
  newPassword: string | null;
  /** Drop the stored password (the group no longer signs in with a user name). */
  dropPassword: boolean;
}

/**
 * Checks a change against a group's current settings: the same rules for the dialog, the contract
 * and `ferry connection --set`. A password is taken only for remoting with a user name, and only
 * where it can be stored encrypted; switching to the current identity drops the stored one.
 */
export function checkConnectionChange(
  current: ConnectionSettings,
  change: ConnectionSettingsChange,
  passwordStorage: { available: boolean; reason: string | null },
): { ok: true; value: CheckedConnectionChange } | { ok: false; problems: ConnectionProblem[] } {
  const problems: ConnectionProblem[] = [];
  const hostGroup = change.hostGroup.trim();
  if (hostGroup === '') problems.push({ field: 'hostGroup', code: 'host-group-required', message: 'Name the host group whose connection settings change.' });
  const connector = change.connector ?? current.connector;
  const mode = change.mode ?? current.mode;
  const identity = change.identity ?? current.identity;
  const userName = identity === 'credentials' ? (change.userName !== undefined ? change.userName?.trim() || null : current.userName) : null;
  const password = change.password ? change.password : null;
  if (identity === 'credentials' && mode !== 'winrm-https') {
    problems.push({
      field: 'identity',
      code: 'credentials-need-winrm',
      message: 'A user name and password are used only with PowerShell remoting over HTTPS; local PowerShell always runs as the current Windows identity.',
    });
  }
  if (identity === 'credentials') {
    if (userName === null)
      problems.push({ field: 'userName', code: 'user-name-required', message: 'Enter the user name remoting signs in with, such as CONTOSO\\hvadmin.' });
    else if (!USER_NAME_PATTERN.test(userName)) {
      problems.push({
        field: 'userName',
        code: 'user-name-invalid',
        message: `"${userName}" is not a Windows account name: write DOMAIN\\user or user@domain.example.`,
      });
    }
    if (password !== null && !passwordStorage.available) {
      problems.push({
        field: 'password',
        code: 'password-storage-unavailable',
        message: `${passwordStorage.reason ?? 'This Ferry process cannot store passwords.'} Set the password in the Ferry desktop app, or sign in with the current Windows identity.`,
      });
    } else if (password === null && !current.hasPassword) {
      problems.push({
        field: 'password',
        code: 'password-required',
        message: passwordStorage.available
          ? 'Enter the password for this user name.'
          : `${passwordStorage.reason ?? 'This Ferry process cannot store passwords.'} Set the password in the Ferry desktop app, or sign in with the current Windows identity.`,
      });
    }
  } else if (password !== null) {
    problems.push({
      field: 'password',
      code: 'password-unexpected',
      message: 'A password is stored only for a user name: choose "This user" first, or leave the password empty.',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const dropPassword = identity !== 'credentials' && current.hasPassword;
  return {
    ok: true,
    value: {
      settings: {
        hostGroup,
        connector,
        mode,
        identity,
        userName,
        hasPassword: identity === 'credentials' && (password !== null || current.hasPassword),
        saved: true,
      },
      newPassword: password,
      dropPassword,
    },
  };
}

/** A host that an inventory refresh could not read, with what to do about it. */
export interface UnreachableHost {
  host: string;
  problem: string;
  recommendedAction: string;
}

/** What an inventory refresh from Hyper-V did. */
export interface InventoryRefreshSummary {
  hostGroup: string;
  jobId: string;
  hosts: number;
  clusters: number;
  vms: number;
  /** Hosts that could not be read: they keep their last known record, marked NotResponding. */
  unreachable: UnreachableHost[];
}
