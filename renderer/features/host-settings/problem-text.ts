import type { SettingsProblem, SettingsProblemCode } from '../../../shared/model/live-migration-settings.js';
import type { MessageKey } from '../../i18n/en.js';
import type { Translator } from '../../i18n/translator.js';

const KEYS: Record<SettingsProblemCode, MessageKey> = {
  'unknown-setting': 'hvs.problem.unknown-setting',
  'not-boolean': 'hvs.problem.not-boolean',
  'out-of-range': 'hvs.problem.out-of-range',
  'not-one-of': 'hvs.problem.not-one-of',
  'not-a-list': 'hvs.problem.not-a-list',
  'empty-entry': 'hvs.problem.empty-entry',
  'not-an-address': 'hvs.problem.not-an-address',
  'prefix-out-of-range': 'hvs.problem.prefix-out-of-range',
  'host-bits-set': 'hvs.problem.host-bits-set',
  duplicate: 'hvs.problem.duplicate',
  'networks-required': 'hvs.problem.networks-required',
};

/**
 * A settings problem in the console's language: the same reason the backend and `ferry host-settings`
 * give, from its code and values, with the host it concerns when a change to several hosts is refused.
 */
export function problemText(t: Translator['t'], problem: SettingsProblem): string {
  const params = { ...problem.params, position: typeof problem.params.firstIndex === 'number' ? problem.params.firstIndex + 1 : '' };
  // Limits and positions are small whole numbers: shown as they are, not grouped or rounded.
  const text = t(KEYS[problem.code], Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
  return problem.host ? t('hvs.problem.onHost', { host: problem.host, message: text }) : text;
}
