/** Which hosts a settings change applies to; in shared/ so the dialog counts them as the backend does. */
export { resolveSettingsTarget, type ResolvedTarget } from '../../../shared/model/settings-targets.js';
