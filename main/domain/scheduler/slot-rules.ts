/** The slot rules of section 4 live in shared/ so the console can show slots in use; re-exported here for the scheduler. */
export { hostLimits, slotsNeeded, type HostLimits, type SlotKind, type SlotNeed } from '../../../shared/model/migration-slots.js';
