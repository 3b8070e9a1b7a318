/** The lab's host group, as the backend's lab estate names it (main/domain/lab/lab-estate.ts). */
export const LAB_HOST_GROUP = 'All Hosts/Lab';

/**
 * Whether the inventory's host groups hold one named as the lab's (names compare without case). Only a
 * cue to read `lab.status` again: the backend alone tells lab hosts from an admin's own group of that name.
 */
export function inventoryHasLab(hostGroups: readonly string[]): boolean {
  const lab = LAB_HOST_GROUP.toLowerCase();
  return hostGroups.some((g) => g.toLowerCase() === lab);
}
