/** Compares two names the way the console lists them (the one collator, shared with the main process's paging). */
export { compareNames } from '../../shared/model/compare-names.js';
