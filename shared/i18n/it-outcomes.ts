import type { mainEnOutcomes } from './en-outcomes.js';

/** The Italian of `mainEnOutcomes`: how moves and jobs ended, and what to do. */
export const mainItOutcomes: Readonly<Record<keyof typeof mainEnOutcomes, string>> = {
  'conv.storage': 'nessuna pre-copia della memoria: lo spostamento dell’archiviazione lascia la VM in esecuzione sul suo host',
  'conv.quick': 'nessuna pre-copia: una migrazione rapida salva lo stato della VM, che resta ferma durante il salvataggio, lo spostamento e il ripristino',
  'conv.network': 'nessuna pre-copia: la VM non è in esecuzione mentre i suoi file vengono copiati',
  'conv.ms': '{ms} ms',
  'conv.s': '{s} s',
  'conv.ratio': 'la velocità di modifica della memoria, {dirty} MB/s, è il {percent}% della banda effettiva di {bandwidth} MB/s',
  'conv.converged.one': 'la pre-copia è convergente in {count} passaggio: restano {left}, copiati con la VM in pausa per {paused}',
  'conv.converged.other': 'la pre-copia è convergente in {count} passaggi: restano {left}, copiati con la VM in pausa per {paused}',
  'conv.convergedSlow': '{converged}; {ratio}, quindi in un momento di carico maggiore potrebbe non convergere',
  'conv.forced': 'Hyper-V forza il passaggio dopo {passes} passaggi con {left} ancora da copiare: la VM resta in pausa per circa {paused}',
  'conv.never':
    'la velocità di modifica della memoria, {dirty} MB/s, raggiunge o supera la banda effettiva di {bandwidth} MB/s: la pre-copia non può convergere; riduci il carico della VM, usa SMB con RDMA o la compressione, oppure migrala offline. {forced}',
  'conv.slow':
    'la pre-copia non è scesa sotto l’obiettivo di {target} ms di inattività in {passes} passaggi ({ratio}): {forced}; riduci il carico della VM o usa un collegamento più veloce',
  'fail.twoNotes': '{first}. {second}',
  'fail.vmGoneAtStart': '{vm} non è più nell’inventario (è stato sostituito da un’importazione).',
  'fail.vmGoneAtStart.action': 'Aggiorna l’inventario, quindi avvia di nuovo lo spostamento dalla procedura guidata.',
  'fail.vmGoneAfterMove': '{vm} non è più nell’inventario (un’importazione lo ha sostituito durante lo spostamento)',
  'fail.inventoryNotShown': 'L’inventario non ha potuto registrarlo: {message}; aggiorna l’inventario',
  'fail.hostFinished':
    'Ferry si è interrotto durante lo spostamento e l’host lo ha completato: {vm} è in esecuzione su {host}{ha}{stale}. Non è stato misurato nulla, perché Ferry non ne ha seguito la fine.',
  'fail.moveInterrupted': 'Ferry si è interrotto durante lo spostamento, che quindi non è terminato. {vm} si trova su {host}.',
  'fail.moveInterrupted.action': 'Controlla la VM su quell’host, quindi riavvia il processo.',
  'fail.interrupted': 'Ferry si è interrotto durante l’esecuzione di questo processo, che quindi non è terminato.',
  'fail.interrupted.action': 'Controlla che cosa stava facendo il processo, quindi eseguilo di nuovo.',
  'fail.interrupted.import':
    'Ferry si è interrotto durante l’esecuzione di questo processo, che quindi non è terminato. Un’importazione scrive tutto o niente, quindi l’inventario è com’era prima.',
  'fail.interrupted.import.action': 'Importa di nuovo il file.',
  'fail.interrupted.settings':
    'Ferry si è interrotto durante l’esecuzione di questo processo, che quindi non è terminato. Alcuni host potrebbero avere le nuove impostazioni e altri no.',
  'fail.interrupted.settings.action': 'Apri Impostazioni Hyper-V per questi host, controllale e applica di nuovo le impostazioni.',
  'fail.interrupted.start':
    'Ferry si è interrotto durante l’esecuzione di questo processo, che quindi non è terminato. La macchina virtuale potrebbe essersi avviata oppure no.',
  'fail.interrupted.start.action': 'Controlla la VM sul suo host, quindi avviala di nuovo se è spenta.',
  'fail.hostGone': '{host} non è più nell’inventario.',
  'fail.hostGone.stopMaintenance': 'Aggiorna l’inventario, quindi arresta di nuovo la modalità di manutenzione.',
  'result.maintenanceOff': '{host} è uscito dalla modalità di manutenzione e accetta di nuovo macchine virtuali.{started}{refused}',
  'result.startJobs': ' Processi di avvio per {vms}.',
  'result.notStartedList': ' Non avviate: {vms}',
  'result.notStarted': '{vm}: {why}',
  'result.saved': 'Lo stato di {vm} è salvato su {host}: resta ferma finché non viene avviata di nuovo.',
  'fail.saveThrew': 'Non è stato possibile salvare lo stato di {vm} su {host}: {message}',
  'fail.saveThrew.action': 'Controlla l’host, quindi salva di nuovo la VM oppure lasciala in esecuzione durante la manutenzione.',
  'step.maintenanceOff': 'Fai uscire l’host dalla modalità di manutenzione',
  'step.startSaved': 'Avvia le macchine virtuali salvate dall’evacuazione',
  'job.stopMaintenance': 'Arresta la modalità di manutenzione su {host}',
};
