import { english, text, type Text } from '../../../shared/i18n/text.js';
import { HOST_OS_VALUES, type Host, type HostOs } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { compareVersions } from '../storage-paths/dotted-version.js';

/** The lowest and highest VM configuration versions a host OS runs (migration-rules.md 2.4). */
export function configVersionRange(os: HostOs): readonly [string, string] {
  switch (os) {
    case 'Windows Server 2012 R2':
      return ['5.0', '5.0'];
    case 'Windows Server 2016':
      return ['5.0', '8.0'];
    case 'Windows Server 2019':
      return ['5.0', '9.0'];
    case 'Windows Server 2022':
      return ['8.0', '10.0'];
    case 'Windows Server 2025':
      return ['8.0', '12.0'];
    default:
      return assertNever(os);
  }
}

/**
 * Whether a host runs a VM configuration version. A host's own `supportedConfigVersions` list (what
 * Get-VMHostSupportedVersion reports) wins over the OS table and is read as a list: the version must be in
 * it, compared numerically ("9" equals "9.0"). Without a list, the OS table's range applies, bounds included.
 */
export function hostRunsConfigVersion(host: Host, version: string): boolean {
  // Asked for hundreds of thousands of (VM, host) pairs by the planner: answered once per OS (or list) and version.
  let answers: Map<string, boolean> | undefined;
  if (host.supportedConfigVersions) {
    let memo = byList.get(host.supportedConfigVersions);
    if (!memo) byList.set(host.supportedConfigVersions, (memo = new Map()));
    answers = memo;
  } else {
    answers = byOs.get(host.os);
    if (!answers) byOs.set(host.os, (answers = new Map()));
  }
  let answer = answers.get(version);
  if (answer === undefined) {
    // An estate has a handful of versions; a file of thousands of odd ones must not grow this without end.
    if (answers.size >= 1000) answers.clear();
    answers.set(version, (answer = runsVersion(host, version)));
  }
  return answer;
}

/** Answers by Windows Server release, and by a host's own list of versions (the list object: lists are not changed in place). */
const byOs = new Map<string, Map<string, boolean>>();
const byList = new WeakMap<readonly string[], Map<string, boolean>>();

function runsVersion(host: Host, version: string): boolean {
  if (host.supportedConfigVersions) return host.supportedConfigVersions.some((v) => compareVersions(v, version) === 0);
  const [low, high] = configVersionRange(host.os);
  return compareVersions(version, low) >= 0 && compareVersions(version, high) <= 0;
}

/** The versions a host runs, for a sentence: "5.0 to 8.0 (Windows Server 2016)" or the host's own list. */
export function describeConfigVersions(host: Host): string {
  return english(configVersionsText(host));
}

/** The versions a host runs as a catalogue sentence. */
export function configVersionsText(host: Host): Text {
  if (host.supportedConfigVersions) return text('config.ownList', { versions: host.supportedConfigVersions.join(', ') });
  const [low, high] = configVersionRange(host.os);
  return low === high ? text('config.only', { version: low, os: host.os }) : text('config.range', { low, high, os: host.os });
}

/** The oldest Windows Server that runs a VM configuration version, or null when none that Ferry knows does. */
export function oldestOsRunning(version: string): HostOs | null {
  return (
    HOST_OS_VALUES.find((os) => {
      const [low, high] = configVersionRange(os);
      return compareVersions(version, low) >= 0 && compareVersions(version, high) <= 0;
    }) ?? null
  );
}
