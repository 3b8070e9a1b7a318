import type { Job, JobStatus } from '../../../shared/model/job.js';
import type { Translator } from '../../i18n/translator.js';

/** Whether Cancel applies: a queued or running job. */
export function jobCancelable(job: Pick<Job, 'status'>): boolean {
  return job.status === 'Queued' || job.status === 'Running';
}

/** Whether Restart applies: a failed or canceled job. */
export function jobRestartable(job: Pick<Job, 'status'>): boolean {
  return job.status === 'Failed' || job.status === 'Canceled';
}

/** A progress bar's colour for a job or step status. */
export function progressColor(status: JobStatus): 'brand' | 'success' | 'error' | 'warning' {
  if (status === 'Failed') return 'error';
  if (status === 'Canceled') return 'warning';
  if (status === 'Completed' || status === 'Completed with info') return 'success';
  return 'brand';
}

/** A duration as an admin reads it: "45 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration({ t, formatNumber }: Pick<Translator, 't' | 'formatNumber'>, seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 10) return t('unit.seconds', { value: formatNumber(s, 1) });
  const whole = Math.round(s);
  if (whole < 60) return t('unit.seconds', { value: formatNumber(whole) });
  if (whole < 3600) return t('unit.minutesSeconds', { minutes: String(Math.floor(whole / 60)), seconds: String(whole % 60).padStart(2, '0') });
  const minutes = Math.round(whole / 60);
  return t('unit.hoursMinutes', { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60).padStart(2, '0') });
}

/** Bytes sent, in decimal units as network tools count them (MB, GB, TB). */
export function formatBytes({ t, formatNumber }: Pick<Translator, 't' | 'formatNumber'>, bytes: number): string {
  if (bytes >= 1e12) return t('unit.tb', { value: formatNumber(bytes / 1e12, 2) });
  if (bytes >= 1e9) return t('unit.gb', { value: formatNumber(bytes / 1e9, 1) });
  return t('unit.mb', { value: formatNumber(bytes / 1e6) });
}

/** A throughput in bytes per second, in bits per second as link speeds are given (Gbps, Mbps). */
export function formatThroughput({ t, formatNumber }: Pick<Translator, 't' | 'formatNumber'>, bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  if (bits >= 1e9) return t('unit.gbps', { value: formatNumber(bits / 1e9, 1) });
  return t('unit.mbps', { value: formatNumber(bits / 1e6) });
}

/** Jobs that act on a VM (migrations and Start), whose target is the VM's name. */
function actsOnVm(job: Job): boolean {
  return job.kind === 'migrate-vm' || job.kind === 'migrate-storage' || job.kind === 'start-vm';
}

/**
 * Each VM's latest job, by lowercase VM name: what the VM list's Job status column shows.
 * `jobs` is newest first, so the first job seen for a VM is its latest.
 */
export function latestJobByVm(jobs: readonly Job[]): Map<string, Job> {
  const byVm = new Map<string, Job>();
  for (const job of jobs) {
    if (!actsOnVm(job)) continue;
    const key = job.target.toLowerCase();
    if (!byVm.has(key)) byVm.set(key, job);
  }
  return byVm;
}
