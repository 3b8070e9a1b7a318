/**
 * The validation rules of a Hyper-V settings change. They live in shared/ so the dialog can show the
 * same reasons inline as the backend and `ferry host-settings` give; re-exported here for the domain.
 */
export {
  checkSettingsChange,
  formatSettingsProblem,
  isLiveMigrationField,
  LIVE_MIGRATION_FIELDS,
  MIGRATION_LIMIT,
  networksProblems,
  networksRequiredProblem,
  parseSettingText,
  settingProblems,
  settingsMergeProblems,
  withSettingsChange,
  type LiveMigrationChange,
  type LiveMigrationField,
  type SettingsProblem,
  type SettingsProblemCode,
  type SettingsTarget,
} from '../../../shared/model/live-migration-settings.js';
export { parseNetworkEntry, type NetworkEntry, type NetworkEntryError } from '../../../shared/model/network-address.js';
