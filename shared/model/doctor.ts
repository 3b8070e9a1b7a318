/** The names of `ferry doctor`'s checks, in the order they are listed. */
export const DOCTOR_CHECK_NAMES = [
  'electron-binary',
  'sqlite-node',
  'sqlite-electron',
  'powershell',
  'hyperv-module',
  'failoverclusters-module',
  'qemu',
  'chromium',
  'database',
] as const;

/** One check's name. */
export type DoctorCheckName = (typeof DOCTOR_CHECK_NAMES)[number];

/** One check of an installation: whether it passed, what was found, and what to do when it did not. */
export interface DoctorCheck {
  name: DoctorCheckName;
  ok: boolean;
  /** Whether the console needs it here (a failed required check makes `ferry doctor` exit 1). */
  required: boolean;
  /** What was found, in English (file paths, versions, the error). */
  detail: string;
  /** What to do about a failed check, in English; null when it passed. */
  fix: string | null;
}

/** Every check, and whether everything the console needs is there. */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}
