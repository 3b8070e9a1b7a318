import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../shared/model/import.js';
import type { InventoryDocument, Volume } from '../../../shared/model/inventory.js';
import { checkPlacementRules } from './placement-rule-checks.js';

/** The most problems one check reports; past it, one last line says how many more there were. */
export const MAX_PROBLEMS = 500;

/** A problem at a JSON path, in English words and as its catalogue sentence. */
export function importProblem(path: string, sentence: Text): ImportProblem {
  return { path, message: english(sentence), text: sentence };
}

/** Collects problems up to the cap and counts the rest. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  private overflow = 0;

  /** Records one problem at a JSON path. */
  add(path: string, sentence: Text): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(importProblem(path, sentence));
    else this.overflow++;
  }

  /** True when nothing was recorded. */
  get empty(): boolean {
    return this.problems.length === 0;
  }

  /** The problems, with a closing line when some were left out. */
  result(): ImportProblem[] {
    if (this.overflow === 0) return this.problems;
    return [...this.problems, importProblem('', plural('import.more', this.overflow))];
  }
}

/** Windows compares names case-insensitively; so does Ferry. */
const key = (name: string): string => name.toLowerCase();

type Duplicate = 'cluster.name' | 'host.name' | 'vm.name' | 'vm.id';

/** Adds a problem for each record whose name (or id) an earlier record of `list` (`clusters`, `hosts`, `vms`) has, ignoring case. */
function checkUnique<T>(problems: ProblemList, records: readonly T[], nameOf: (record: T) => string, list: string, what: Duplicate): void {
  const field = what.slice(what.indexOf('.') + 1);
  // Positions, not paths: a 45,000-VM estate builds no path unless a name is taken twice.
  const seen = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const name = nameOf(records[i]);
    const first = seen.get(key(name));
    if (first !== undefined) problems.add(`${list}[${i}].${field}`, text(`import.duplicate.${what}`, { name, first: `${list}[${first}]` }));
    else seen.set(key(name), i);
  }
}

function checkVolumes(list: ProblemList, volumes: readonly Volume[], at: string): void {
  volumes.forEach((v, i) => {
    if (v.freeGB > v.capacityGB) list.add(`${at}[${i}].freeGB`, text('import.freeOverCapacity', { free: String(v.freeGB), capacity: String(v.capacityGB) }));
  });
}

/** Names of records that exist in the file but failed their own checks: references to them resolve. */
export interface KnownNames {
  hostGroups: string[];
  fileShares: string[];
  clusters: string[];
  hosts: string[];
  vms: string[];
  affinityRules: string[];
}

const NO_NAMES: KnownNames = { hostGroups: [], fileShares: [], clusters: [], hosts: [], vms: [], affinityRules: [] };

/**
 * Checks the rules of a `ferry-inventory` document that span records: unique names and ids,
 * references that resolve, amounts that fit (available within total, free within capacity), and placement rules.
 * Field types and path shapes are checked before this, by the importer's schema.
 */
export function checkInventoryRules(doc: InventoryDocument, list: ProblemList = new ProblemList(), known: KnownNames = NO_NAMES): ProblemList {
  const groups = new Set<string>(known.hostGroups.map(key));
  doc.hostGroups.forEach((g, i) => {
    if (groups.has(key(g))) list.add(`hostGroups[${i}]`, text('import.duplicate.hostGroup', { name: g }));
    groups.add(key(g));
  });

  const shares = new Set<string>();
  const reachableShares = new Set(known.fileShares.map(key));
  doc.fileShares.forEach((s, i) => {
    if (shares.has(key(s.path))) list.add(`fileShares[${i}].path`, text('import.duplicate.fileShare', { name: s.path }));
    shares.add(key(s.path));
    if (s.freeGB > s.capacityGB)
      list.add(`fileShares[${i}].freeGB`, text('import.freeOverCapacity', { free: String(s.freeGB), capacity: String(s.capacityGB) }));
  });

  checkUnique(list, doc.clusters, (c) => c.name, 'clusters', 'cluster.name');
  const clusters = new Set([...doc.clusters.map((c) => key(c.name)), ...known.clusters.map(key)]);
  doc.clusters.forEach((c, i) => {
    if (!groups.has(key(c.hostGroup))) list.add(`clusters[${i}].hostGroup`, text('import.unlisted.hostGroup', { name: c.hostGroup }));
    checkVolumes(list, c.sharedVolumes, `clusters[${i}].sharedVolumes`);
  });

  checkUnique(list, doc.hosts, (h) => h.name, 'hosts', 'host.name');
  const hosts = new Set([...doc.hosts.map((h) => key(h.name)), ...known.hosts.map(key)]);
  doc.hosts.forEach((h, i) => {
    const at = `hosts[${i}]`;
    if (!groups.has(key(h.hostGroup))) list.add(`${at}.hostGroup`, text('import.unlisted.hostGroup', { name: h.hostGroup }));
    if (h.cluster !== null && !clusters.has(key(h.cluster))) list.add(`${at}.cluster`, text('import.unlisted.cluster', { name: h.cluster }));
    h.fileShares.forEach((p, j) => {
      if (!shares.has(key(p)) && !reachableShares.has(key(p))) list.add(`${at}.fileShares[${j}]`, text('import.unlisted.fileShare', { name: p }));
    });
    if (h.memory.availableMB > h.memory.totalMB) {
      list.add(`${at}.memory.availableMB`, text('import.availableOverTotal', { available: String(h.memory.availableMB), total: String(h.memory.totalMB) }));
    }
    checkVolumes(list, h.volumes, `${at}.volumes`);
  });

  checkUnique(list, doc.vms, (v) => v.name, 'vms', 'vm.name');
  checkUnique(list, doc.vms, (v) => v.id, 'vms', 'vm.id');
  for (let i = 0; i < doc.vms.length; i++) {
    const host = doc.vms[i].host;
    if (!hosts.has(key(host))) list.add(`vms[${i}].host`, text('import.unlisted.host', { name: host }));
  }
  checkPlacementRules(doc, list, known);
  return list;
}
