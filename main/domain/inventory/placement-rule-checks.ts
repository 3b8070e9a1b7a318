import { text } from '../../../shared/i18n/text.js';
import type { InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { ProblemList } from './inventory-rules.js';

/** Windows compares names case-insensitively; so does Ferry. */
const key = (name: string): string => name.toLowerCase();

/** Names of records that failed their own checks but exist in the file (a reference to them is not "missing"). */
export interface KnownRecordNames {
  hosts: readonly string[];
  vms: readonly string[];
}

/** Adds a problem for each name of `names` seen before in the list (ignoring case). */
function checkListedOnce(list: ProblemList, names: readonly string[], at: string, what: 'owner' | 'availabilitySet' | 'vm'): void {
  const seen = new Set<string>();
  names.forEach((n, j) => {
    if (seen.has(key(n))) list.add(`${at}[${j}]`, text(`import.twice.${what}`, { name: n }));
    seen.add(key(n));
  });
}

/**
 * Checks the placement rules of a document (inventory-format.md "Placement rules"): a VM's owners are nodes
 * of its own cluster, each once (a standalone VM has none, and possible owners are never an empty list); its
 * availability sets are each named once; affinity rule names are unique ignoring case, and each rule names at
 * least two VMs (the schema checks that), each once, all of which exist. Field shapes are the schema's.
 */
export function checkPlacementRules(doc: InventoryDocument, list: ProblemList, known: KnownRecordNames): void {
  const hosts = new Map(doc.hosts.map((h) => [key(h.name), h]));
  const malformedHosts = new Set(known.hosts.map(key));
  doc.vms.forEach((vm, i) => {
    // Most VMs have no placement rules: nothing is looked up or built for them.
    if (!vm.possibleOwners && !vm.preferredOwners && !vm.availabilitySets) return;
    const at = `vms[${i}]`;
    const host = hosts.get(key(vm.host));
    for (const field of ['possibleOwners', 'preferredOwners'] as const) {
      const owners = vm[field];
      if (owners === undefined || owners === null) continue;
      if (field === 'possibleOwners' && owners.length === 0) {
        list.add(`${at}.${field}`, text('import.owners.empty'));
        continue;
      }
      if (!host) continue; // its host is missing or malformed: reported there
      if (host.cluster === null) {
        if (owners.length > 0) list.add(`${at}.${field}`, text(`import.owners.standalone.${field}`, { vm: vm.name, host: host.name }));
        continue;
      }
      const cluster = host.cluster;
      owners.forEach((owner, j) => {
        const node = hosts.get(key(owner));
        if (!node && malformedHosts.has(key(owner))) return;
        if (!node) list.add(`${at}.${field}[${j}]`, text('import.owners.noSuchHost', { owner, cluster }));
        else if (node.cluster === null || key(node.cluster) !== key(cluster))
          list.add(`${at}.${field}[${j}]`, text('import.owners.notNode', { owner, cluster }));
      });
      checkListedOnce(list, owners, `${at}.${field}`, 'owner');
    }
    if (vm.availabilitySets) checkListedOnce(list, vm.availabilitySets, `${at}.availabilitySets`, 'availabilitySet');
  });

  const rules = doc.affinityRules ?? [];
  const names = new Map<string, number>();
  const vms = rules.length === 0 ? new Set<string>() : new Set([...doc.vms.map((v) => key(v.name)), ...known.vms.map(key)]);
  rules.forEach((rule, i) => {
    const at = `affinityRules[${i}]`;
    const first = names.get(key(rule.name));
    if (first !== undefined) list.add(`${at}.name`, text('import.duplicate.affinityRule', { name: rule.name, first: `affinityRules[${first}]` }));
    else names.set(key(rule.name), i);
    rule.vms.forEach((vm, j) => {
      if (!vms.has(key(vm))) list.add(`${at}.vms[${j}]`, text('import.unlisted.vm', { name: vm }));
    });
    checkListedOnce(list, rule.vms, `${at}.vms`, 'vm');
  });
}

/**
 * The document with its placement rules cut to what it still holds, after a refresh replaced a host group's
 * records: a rule keeps only VMs that exist (and goes when fewer than two are left), and owners only hosts of
 * the VM's cluster (possible owners go back to every node when none is left). A refresh must not fail on a VM
 * that was deleted on the host; the rules the hosts report themselves come with the read.
 */
export function pruneRulesToEstate(doc: InventoryDocument): InventoryDocument {
  const hosts = new Map(doc.hosts.map((h) => [key(h.name), h]));
  const vmNames = new Set(doc.vms.map((v) => key(v.name)));
  const vms = doc.vms.map((vm) => {
    if (!vm.possibleOwners?.length && !vm.preferredOwners?.length) return vm;
    const cluster = hosts.get(key(vm.host))?.cluster ?? null;
    const keep = (owners: readonly string[]) =>
      cluster === null
        ? []
        : owners.filter((o) => {
            const c = hosts.get(key(o))?.cluster;
            return c != null && key(c) === key(cluster);
          });
    const out = { ...vm };
    if (vm.possibleOwners?.length) {
      const kept = keep(vm.possibleOwners);
      if (kept.length > 0) out.possibleOwners = kept;
      else delete out.possibleOwners;
    }
    if (vm.preferredOwners?.length) out.preferredOwners = keep(vm.preferredOwners);
    return out;
  });
  if (!doc.affinityRules) return { ...doc, vms };
  const affinityRules = doc.affinityRules.map((r) => ({ ...r, vms: r.vms.filter((n) => vmNames.has(key(n))) })).filter((r) => r.vms.length >= 2);
  return { ...doc, vms, affinityRules };
}

/**
 * VMs read from hosts, each given the owner lists and availability sets of its current record where the read
 * did not report them (a reader that does not read a field leaves it undefined; an empty list is a reading).
 */
export function keepUnreadRuleFields(current: readonly Vm[], read: readonly Vm[]): Vm[] {
  const byName = new Map(current.map((v) => [key(v.name), v]));
  return read.map((vm) => {
    const old = byName.get(key(vm.name));
    if (!old) return vm;
    const out = { ...vm };
    if (out.possibleOwners === undefined && old.possibleOwners !== undefined) out.possibleOwners = old.possibleOwners;
    if (out.preferredOwners === undefined && old.preferredOwners !== undefined) out.preferredOwners = old.preferredOwners;
    if (out.availabilitySets === undefined && old.availabilitySets !== undefined) out.availabilitySets = old.availabilitySets;
    return out;
  });
}
