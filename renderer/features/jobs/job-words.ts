import type { Job, JobError, JobStep } from '../../../shared/model/job.js';
import type { Translator } from '../../i18n/translator.js';

/** A job's name in the admin's language (the stored English name for jobs recorded before Ferry kept the sentence). */
export function jobName(job: Pick<Job, 'name' | 'nameText'>, { say }: Translator): string {
  return job.nameText ? say(job.nameText) : job.name;
}

/** A job step's name in the admin's language. */
export function stepName(step: JobStep, { say }: Translator): string {
  return step.text ? say(step.text) : step.name;
}

/** A job's one-line result in the admin's language; null when it has none. */
export function jobSummary(job: Pick<Job, 'summary' | 'summaryText'>, { say }: Translator): string | null {
  return job.summaryText ? say(job.summaryText) : job.summary;
}

/** What a queued job waits for, in the admin's language; null when it waits for nothing. */
export function jobWaitingFor(job: Pick<Job, 'waitingFor' | 'waitingForText'>, { say }: Translator): string | null {
  return job.waitingForText ? say(job.waitingForText) : job.waitingFor;
}

/** A failed job's problem and recommended action in the admin's language. */
export function jobErrorWords(error: JobError, { say }: Translator): { problem: string; recommendedAction: string } {
  return {
    problem: error.problemText ? say(error.problemText) : error.problem,
    recommendedAction: error.recommendedActionText ? say(error.recommendedActionText) : error.recommendedAction,
  };
}
