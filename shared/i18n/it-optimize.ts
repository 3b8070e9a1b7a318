import type { mainEnOptimize } from './en-optimize.js';

/** The Italian sentences of Optimize Hosts (spread into the main catalogue). */
export const mainItOptimize: Readonly<Record<keyof typeof mainEnOptimize, string>> = {
  'optimize.dim.memory': 'memoria',
  'optimize.dim.cpu': 'CPU',
  'optimize.aggressiveness.low': 'bassa',
  'optimize.aggressiveness.medium': 'media',
  'optimize.aggressiveness.high': 'alta',
  'optimize.reason': '{source} {sourceDim} {sourceBefore}% → {sourceAfter}%, {dest} {destDim} {destBefore}% → {destAfter}% (guadagno di {gain} punti).',
  'optimize.reason.over':
    '{source} supera le soglie: {sourceDim} {sourceBefore}% → {sourceAfter}%, {dest} {destDim} {destBefore}% → {destAfter}% (guadagno di {gain} punti).',
  'optimize.summary.one':
    '{count} spostamento bilancia il carico: la dispersione della memoria in uso passa da {stdevBefore} a {stdevAfter} punti, la memoria dell’host più carico da {maxBefore}% a {maxAfter}%.',
  'optimize.summary.other':
    '{count} spostamenti bilanciano il carico: la dispersione della memoria in uso passa da {stdevBefore} a {stdevAfter} punti, la memoria dell’host più carico da {maxBefore}% a {maxAfter}%.',
  'optimize.nothing':
    'Non conviene spostare nulla: nessuna migrazione in tempo reale guadagna almeno {gain} punti (aggressività {aggressiveness}) rispettando tutte le regole di posizionamento e le soglie di ogni host.',
  'optimize.nothing.noHosts':
    'Niente da ottimizzare: meno di due host di uno stesso cluster possono partecipare ({hosts} che rispondono e non sono in modalità manutenzione).',
  'optimize.skipped.maintenance': '{host} è in modalità manutenzione: Ottimizza host lo esclude.',
  'optimize.skipped.notResponding': '{host} non risponde: Ottimizza host lo esclude.',
  'optimize.skipped.standalone':
    '{host} è un host autonomo: Ottimizza host sposta le macchine virtuali solo all’interno dei cluster, a meno che non si consentano host autonomi con archiviazione condivisa.',
};
