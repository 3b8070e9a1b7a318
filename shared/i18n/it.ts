import type { MainMessages } from './en.js';
import { mainItImport } from './it-import.js';
import { mainItOptimize } from './it-optimize.js';
import { mainItOutcomes } from './it-outcomes.js';

/** The Italian catalogue of the main process's sentences; typed with `MainMessages`, so a missing or extra key fails the build. */
export const mainItMessages: MainMessages = {
  ...mainItOutcomes,
  ...mainItImport,
  ...mainItOptimize,
  list: '{items}',

  'transferType.Live': 'In tempo reale',
  'transferType.Live (VSM)': 'In tempo reale (VSM)',
  'transferType.Quick': 'Rapida',
  'transferType.Network': 'Rete',

  'storage.target.volume': 'volume {root}',
  'storage.target.csv': 'volume condiviso cluster {root}',
  'storage.target.share': 'condivisione SMB {version} {root}',
  'storage.place.share': 'condivisione {root}',
  'storage.place.unlisted': '{path} (archiviazione non presente nell’inventario)',
  'storage.dest.unknown': '{path} (spazio libero sconosciuto)',
  'storage.dest.root': '{target} ({free} liberi)',
  'storage.dest.path': '{path} su {target} ({free} liberi)',

  'path.host-not-found': 'L’host “{host}” non è nell’inventario: aggiorna l’inventario o scegli un altro host.',
  'path.path-invalid':
    '“{path}” non è un percorso assoluto valido: digita un percorso di unità come D:\\VMs o un percorso UNC come {example} (barre rovesciate, nessuna cartella . o .., nessuno dei caratteri < > : " | ? *).',
  'path.smb-path-not-fqdn': 'Indica il file server di “{path}” con il nome di dominio completo, ad esempio {example}, non \\\\fileserver1\\smbshare.',
  'path.unlistedShare':
    '{path} si trova nella condivisione {share}, che l’inventario non elenca: Ferry non può verificarne lo spazio libero. Assicurati che sia SMB 3.0 o successiva e che {host} abbia il controllo completo.',
  'path.smb-version-unsupported':
    '{share} usa SMB {version}; Hyper-V esegue macchine virtuali solo da condivisioni SMB 3.0 o successive: scegli un volume di {host} o una condivisione SMB 3.',
  'path.share-unreachable':
    '{host} non raggiunge {share}: concedi all’account computer dell’host il controllo completo della condivisione e aggiungila alle condivisioni file dell’host, oppure scegli un altro percorso.',
  'path.onShare': '{path} si trova nella condivisione SMB {version} {share}: {free} liberi su {capacity}.',
  'path.path-volume-unknown':
    '{path} non si trova in un volume di {host}: scegli un percorso in uno dei suoi volumi o volumi condivisi cluster ({volumes}) oppure aggiorna l’host se è stato aggiunto un volume.',
  'path.path-volume-unknown.none': '{path} non si trova in un volume di {host} e l’inventario non ne conosce alcun volume: aggiorna l’host.',
  'path.onTarget': '{path} si trova in {target} di {host}: {free} liberi su {capacity}.',

  'phase.validate': 'Convalida',
  'phase.copy-storage': 'Copia dell’archiviazione',
  'phase.migrate-memory': 'Migrazione in tempo reale della memoria',
  'phase.switch-over': 'Passaggio',
  'phase.clean-up': 'Pulizia',
  'phase.save-state': 'Salvataggio dello stato',
  'phase.move': 'Spostamento',
  'phase.restore': 'Ripristino',
  'phase.copy-files': 'Copia dei file',
  'phase.register': 'Registrazione',

  'wait.live.full': 'in attesa di uno slot di migrazione in tempo reale su {host} ({inUse} di {limit} in uso), posizione {position}',
  'wait.live.behind':
    'in attesa di uno slot di migrazione in tempo reale su {host} dopo gli spostamenti precedenti ({inUse} di {limit} in uso), posizione {position}',
  'wait.storage.full': 'in attesa di uno slot di migrazione dell’archiviazione su {host} ({inUse} di {limit} in uso), posizione {position}',
  'wait.storage.behind':
    'in attesa di uno slot di migrazione dell’archiviazione su {host} dopo gli spostamenti precedenti ({inUse} di {limit} in uso), posizione {position}',
  'wait.after': 'in attesa che termini prima “{job}” (libera la memoria che questo spostamento richiede su {host})',
  'wait.follows':
    'in attesa che termini prima “{job}” (il piano li esegue uno dopo l’altro: insieme si dividerebbero soltanto la stessa rete di migrazione già piena)',
  'wait.dropped.failed': 'Non avviato: attendeva “{job}”, che non è riuscito, quindi la memoria necessaria su {host} non è stata liberata.',
  'wait.dropped.canceled': 'Non avviato: attendeva “{job}”, che è stato annullato, quindi la memoria necessaria su {host} non è stata liberata.',

  'start.why.maintenance': '{host} è entrato in modalità manutenzione',
  'start.why.notResponding': '{host} non risponde più',
  'start.why.liveDisabled': 'la migrazione in tempo reale è stata disattivata su {host}',
  'start.why.noRoom': '{host} non ha più spazio per {vm}',
  'start.why.rule': 'una regola di posizionamento ora tiene {vm} lontana da {host}',
  'start.why.cannotTake': '{host} non può più accogliere {vm}',
  'start.redirected': '{why}; spostata invece su {host}.',
  'start.action.reselect': 'Controlla la destinazione o scegline un’altra in Seleziona host, quindi migra di nuovo la macchina virtuale.',
  'job.migrateVm': 'Migrazione della macchina virtuale {vm} su {host}',
  'job.migrateStorage': 'Migrazione dell’archiviazione di {vm}',
  'job.startVm': 'Avvio della macchina virtuale {vm}',
  'job.saveVm': 'Salvataggio della macchina virtuale {vm}',
  'job.loadDemo': 'Caricamento dell’ambiente dimostrativo',
  'job.importInventory': 'Importazione dell’inventario {file}',
  'job.refresh': 'Aggiornamento di {group} da Hyper-V',
  'job.hostSettings.host': 'Modifica delle impostazioni Hyper-V di {host}',
  'job.hostSettings.group': 'Modifica delle impostazioni Hyper-V di {count} host in {group}',
  'step.startVm': 'Avvio della macchina virtuale',
  'step.saveState': 'Salvataggio dello stato',
  'step.readFile': 'Lettura e convalida del file',
  'step.replaceInventory': 'Sostituzione dell’inventario',
  'job.placement.vm': 'Impostazione delle regole di posizionamento di {vm}',
  'job.placement.ruleAdd': 'Aggiunta della regola di affinità {rule}',
  'job.placement.ruleEdit': 'Modifica della regola di affinità {rule}',
  'job.placement.ruleRemove': 'Rimozione della regola di affinità {rule}',
  'job.placement.vmDone': 'I proprietari possibili e preferiti e i set di disponibilità di {vm} sono impostati; Seleziona host e i piani li usano da ora.',
  'job.placement.ruleSaved': 'La regola di affinità {rule} è salvata; Seleziona host e i piani la usano da ora.',
  'job.placement.ruleSavedSoft':
    'La regola di affinità {rule} è salvata solo nell’inventario di Ferry: non è obbligatoria e i cluster di failover non hanno regole di affinità non obbligatorie, quindi Seleziona host e i piani la usano come avviso e il cluster non la applica.',
  'step.placement.cluster': 'Impostala sul cluster {cluster}',
  'job.placement.ruleRemoved': 'La regola di affinità {rule} è rimossa.',
  'step.placement.apply': 'Impostazione sul cluster di {vm}',
  'step.placement.record': 'Registrazione nell’inventario di Ferry',
  'step.applyOn': 'Applicazione delle impostazioni su {host}',
  'step.recordSettings': 'Registrazione delle impostazioni nell’inventario',

  'bound.none': 'nessuno spostamento',
  'bound.longest': 'lo spostamento più lungo richiede da solo {seconds} s',
  'bound.chain': 'una catena di spostamenti che si attendono a vicenda richiede {seconds} s',
  'bound.network': '{host} ha {seconds} s di trasferimenti alla piena capacità della sua rete di migrazione',
  'bound.liveTransfers': 'le migrazioni in tempo reale di {host} richiedono {seconds} s di trasferimenti con al massimo {limit} in esecuzione insieme',
  'bound.storageTransfers':
    'gli spostamenti con copia dell’archiviazione di {host} richiedono {seconds} s di trasferimenti con al massimo {limit} in esecuzione insieme',
  'bound.liveSlots.one': '{host} ha {seconds} s di migrazioni in tempo reale per {count} slot',
  'bound.liveSlots.other': '{host} ha {seconds} s di migrazioni in tempo reale per {count} slot',
  'bound.storageSlots.one': '{host} ha {seconds} s di migrazioni dell’archiviazione per {count} slot',
  'bound.storageSlots.other': '{host} ha {seconds} s di migrazioni dell’archiviazione per {count} slot',
  'bound.save': 'il salvataggio più lungo di una macchina virtuale che non può spostarsi',

  'inventory.demo': 'Ambiente dimostrativo integrato',

  'result.moved': 'Spostato {what} in {seconds} s{downtime}, {sent} inviati{how}{ha}{info}{redirect}',
  'result.ha.joins': '{vm} è a disponibilità elevata in {cluster}',
  'result.ha.leaves':
    '{vm} non è più a disponibilità elevata: {host} è un host autonomo. Per renderla di nuovo a disponibilità elevata, spostala su un nodo del cluster o aggiungila ai ruoli di un cluster',
  'result.what.vm': '{vm} su {host}',
  'result.what.storage': 'l’archiviazione su {host}',
  'result.downtime': ', inattività {ms} ms',
  'result.how': ' ({how})',
  'result.info': '. {info}',
  'result.vmIsOn': '{vm} si trova su {host}.',
  'result.canceled': 'Annullato: {vm} è ancora in esecuzione su {host}, senza alcuna perdita.',

  'plan.warning.vmsSaved.one':
    '{count} macchina virtuale non può essere migrata in tempo reale da nessuna parte e verrà salvata (ferma fino al ripristino): {vms}.',
  'plan.warning.vmsSaved.other':
    '{count} macchine virtuali non possono essere migrate in tempo reale da nessuna parte e verranno salvate (ferme fino al ripristino): {vms}.',
  'plan.warning.vmsLeftRunning.one':
    '{count} macchina virtuale non può essere migrata in tempo reale da nessuna parte e resterà in esecuzione su {host} durante la manutenzione: {vms}.',
  'plan.warning.vmsLeftRunning.other':
    '{count} macchine virtuali non possono essere migrate in tempo reale da nessuna parte e resteranno in esecuzione su {host} durante la manutenzione: {vms}.',
  'plan.staying.notRunning':
    '{vm} è {state} e non a disponibilità elevata: resta su {host} con i suoi file e non può essere avviata finché {host} non torna disponibile.',
  'plan.staying.savedWhy': '{vm} viene salvata su {host} invece di essere spostata (Salva stato), perché non può essere spostata: {reason}',
  'plan.warning.notConverging': 'È improbabile che {vm} ({from} → {to}) converga: {why}',
  'plan.warning.slowConvergence': '{vm} ({from} → {to}) potrebbe convergere lentamente: {why}',
  'plan.reason.keptTogether': 'La regola di affinità tiene {vm} sullo stesso host di {other}, che non può essere spostata: {reason}',
  'plan.reason.noSuchVm': 'Nessuna macchina virtuale denominata “{vm}” è nell’inventario: controlla il nome.',
  'plan.reason.hostMissing': 'L’host {host} di {vm} non è nell’inventario: aggiorna l’inventario.',
  'plan.reason.alreadyThere': '{vm} si trova già su {host}: scegli un altro host o escludila.',
  'plan.reason.noSuchHost': 'Nessun host denominato {host} è nell’inventario: controlla il nome.',
  'plan.reason.noRoom':
    'Nessun host ha ancora spazio per {vm} ({needs}) dopo gli spostamenti pianificati prima{memory}{storage}. Pianifica meno spostamenti, libera memoria o archiviazione, oppure aggiungi un host.',
  'plan.needs.memory': '{memory} di memoria',
  'plan.needs.memoryFiles': '{memory} di memoria, {files} di file dove devono essere spostati',
  'plan.noRoom.memory': '; la memoria libera massima è {free} su {host}',
  'plan.noRoom.storage': '; lo spazio massimo rimasto dove andrebbero i file è {free} su {location} ({host})',
  'plan.reason.noOtherHost': 'L’inventario non ha altri host su cui spostarla.',
  'plan.reason.oneHost': '{host}: {reason}',
  'plan.reason.manyHosts.one': '{count} host ({hosts}), ad esempio: {reason}',
  'plan.reason.manyHosts.other': '{count} host ({hosts}), ad esempio: {reason}',

  'config.range': 'da {low} a {high} ({os})',
  'config.only': 'solo {version} ({os})',
  'config.ownList': '{versions} (l’elenco dell’host)',

  'reason.host-not-responding': '{host} non risponde e non è raggiungibile: aggiorna l’host o verifica che l’agente VMM e WinRM siano in esecuzione.',
  'reason.host-updating': '{host} è in aggiornamento e non è raggiungibile: aggiorna l’host o verifica che l’agente VMM e WinRM siano in esecuzione.',
  'reason.vm-busy.migrate': '{vm} è già in migrazione su {host} con il processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.migrateAnywhere': '{vm} è già in migrazione con il processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.storage': 'L’archiviazione di {vm} è già in spostamento con il processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.start': '{vm} è già in avvio con il processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.save': 'Lo stato di {vm} è già in salvataggio con il processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.inUse': '{vm} è già in uso da parte del processo {job}{queued}: attendi che termini o annullalo.',
  'reason.vm-busy.queued': ' (in coda)',
  'reason.maintenance-mode': '{host} è in modalità di manutenzione: interrompi prima la modalità di manutenzione o scegli un altro host.',
  'reason.live-migration-disabled.one':
    'La migrazione in tempo reale è disabilitata su {hosts}: abilita le migrazioni in tempo reale in ingresso e in uscita nelle impostazioni Hyper-V di quell’host (Migrazioni in tempo reale).',
  'reason.live-migration-disabled.other':
    'La migrazione in tempo reale è disabilitata su {hosts}: abilita le migrazioni in tempo reale in ingresso e in uscita nelle impostazioni Hyper-V di ciascun host (Migrazioni in tempo reale).',
  'reason.role.source': '{host} (l’origine)',
  'reason.role.destination': '{host} (la destinazione)',
  'reason.processor-vendor-mismatch':
    '{vm} è in esecuzione su {sourceVendor} e {host} è {destVendor}: una macchina virtuale in esecuzione non può mai passare a processori di un altro produttore. Arrestala e usa uno spostamento di rete.',
  'reason.processor-version-mismatch':
    '{source} ha processori {sourceGeneration} e {host} ha {destGeneration}, e {vm} ha la compatibilità del processore disattivata: arresta la macchina virtuale e abilita “Esegui la migrazione a un computer fisico con una versione del processore diversa”, poi esegui la migrazione.',
  'reason.config-version-unsupported':
    '{vm} ha la versione di configurazione {version}; {host} esegue {versions}, quindi la sua versione di Windows Server non può eseguire questa macchina virtuale. {fix}',
  'reason.config-fix.otherHost': 'Scegli un host che esegue la versione {version}, ad esempio {example}.',
  'reason.config-fix.newerOs': 'Nessun host dell’inventario esegue la versione {version}: la eseguirebbe un host con {os} o versioni successive.',
  'reason.config-fix.none': 'Nessuna versione di Windows Server nota a Ferry esegue la versione {version}.',
  'reason.compatibility-vector-stale':
    '{vm} è stata avviata l’ultima volta quando {cluster} usava una versione del cluster precedente, quindi usa ancora le funzionalità del processore di quella versione (il suo vettore di compatibilità è {vector}, il cluster ora è al livello {level}) e non può ancora spostarsi su un altro nodo. Arresta {vm} e avviala di nuovo (un riavvio dal sistema operativo guest non basta), così acquisisce le funzionalità del processore attuali del cluster, poi esegui la migrazione.',
  'reason.insufficient-memory':
    '{vm} richiede {need}; {host} ha {available} disponibili − {reserve} di riserva = {have}: mancano {missing}. Libera memoria su {host} o scegli un host con più memoria disponibile.',
  'reason.insufficient-storage':
    '{location} su {host} è troppo piccolo: i file di {vm} richiedono {need} più la riserva disco di {reserve}: mancano {missing}. Scegli un altro percorso in Seleziona percorso o libera spazio.',
  'reason.shared-vhdx':
    '{vm} ha il VHDX condiviso {paths} e un VHDX condiviso non può essere spostato in tempo reale: arresta le macchine virtuali che lo condividono e sposta il file, oppure sposta solo gli altri file (Migra archiviazione, con i VHD posizionati singolarmente).',
  'reason.storage-unreachable':
    '{host} non raggiunge {paths}, dove si trovano i file di {vm}: collega il nodo alla condivisione (concedi l’accesso al suo account computer e aggiungila alle condivisioni file dell’host) o al volume CSV, poi aggiornalo.',
  'reason.not-possible-owner':
    '{host} non è un proprietario possibile di {vm} in {cluster} (i suoi proprietari possibili: {owners}): scegli uno di questi nodi o aggiungi {host} ai proprietari possibili della macchina virtuale.',
  'reason.affinity-rule.apart': '{host} esegue {vms} e {rule} mantiene {vm} su un nodo diverso: scegli un altro host.',
  'reason.affinity-rule.together':
    'La {rule} mantiene {vm} sullo stesso nodo di {vms}, in esecuzione su {together}: sposta {vm} su {together} oppure spostali insieme.',

  'reasonKind.host-not-responding': 'non risponde',
  'reasonKind.vm-busy': 'VM occupata da un altro processo',
  'reasonKind.maintenance-mode': 'modalità di manutenzione',
  'reasonKind.live-migration-disabled': 'migrazione in tempo reale disabilitata',
  'reasonKind.processor-vendor-mismatch': 'produttore del processore',
  'reasonKind.processor-version-mismatch': 'generazione del processore',
  'reasonKind.config-version-unsupported': 'versione di configurazione',
  'reasonKind.compatibility-vector-stale': 'macchina virtuale non riavviata dopo l’aggiornamento del cluster',
  'reasonKind.insufficient-memory': 'memoria',
  'reasonKind.insufficient-storage': 'spazio di archiviazione',
  'reasonKind.shared-vhdx': 'VHDX condiviso',
  'reasonKind.storage-unreachable': 'archiviazione non raggiungibile',
  'reasonKind.not-possible-owner': 'non è un proprietario possibile',
  'reasonKind.affinity-rule': 'regola di affinità',

  'warning.loses-high-availability':
    '{vm} è a disponibilità elevata in {sourceCluster} e {host} è in un altro cluster ({cluster}): un guasto di un host durante lo spostamento la rende non disponibile. {window} Al termine dello spostamento è un ruolo di {cluster}, a disponibilità elevata lì.',
  'warning.loses-high-availability.standaloneSource':
    '{vm} è a disponibilità elevata e {host} è in un altro cluster ({cluster}): un guasto di un host durante lo spostamento la rende non disponibile. {window} Al termine dello spostamento è un ruolo di {cluster}, a disponibilità elevata lì.',
  'warning.becomes-not-highly-available':
    '{vm} è a disponibilità elevata e {host} è un host autonomo: dopo lo spostamento un guasto di {host} la arresta. Scegli un nodo del cluster per mantenerla a disponibilità elevata.',
  'warning.storage-moves':
    '{size} di file di {vm} verranno copiati in {location} su {host}: lo spostamento dura quanto la copia. Scegli un altro percorso in Seleziona percorso se questo non è corretto.',
  'warning.storage-moves.host':
    '{size} di file di {vm} verranno copiati su {host}: lo spostamento dura quanto la copia. Scegli un altro percorso in Seleziona percorso se questo non è corretto.',
  'warning.host-busy':
    '{hosts}: lo spostamento attenderà in coda in posizione {position} e partirà appena si libera uno slot. Non ha esito negativo; puoi anche alzare il limite dell’host nelle sue impostazioni Hyper-V.',
  'warning.availability-set':
    '{host} esegue {vms}, da tenere separate da {vm} per {rule}: un guasto di {host} le fermerebbe insieme. Scegli un altro host, se ne esiste uno con spazio.',
  'warning.affinity-split': 'La {rule} mantiene {vm} con {vms}, in esecuzione su {together}: su {host} verrebbero separate. Scegli {together}, se ha spazio.',
  'warning.not-preferred-owner':
    '{host} non è un proprietario preferito di {vm} (preferiti: {owners}): il cluster potrebbe riportarla su di essi durante un failover o un failback.',
  'rule.keptApart': 'tenuta separata da {vms}: {rule}',
  'rule.keptWith': 'tenuta con {vms} su {together}: {rule}',
  'rule.possibleOwners': 'proprietari possibili di {vm}: {owners}',
  'rule.preferredOwners': 'proprietari preferiti di {vm}: {owners}',
  'rule.kind.availabilitySet': 'set di disponibilità {name}',
  'rule.kind.affinityRule.required': 'regola di affinità {name} ({type}, obbligatoria)',
  'rule.kind.affinityRule.preferred': 'regola di affinità {name} ({type}, facoltativa)',
  'busy.source': '{host} (l’origine) ha in uso {slots}',
  'busy.destination': '{host} (la destinazione) ha in uso {slots}',
  'busy.liveSlots': 'tutti i {max} slot di migrazione in tempo reale',
  'busy.storageSlots': 'tutti i {max} slot di migrazione dell’archiviazione',

  'transfer.why.live-cluster':
    '{vm} è {state}, a disponibilità elevata in {cluster}, e i suoi file si trovano nell’archiviazione del cluster ({storage}), raggiungibile da {host}.',
  'transfer.why.live-share': '{vm} è {state} e tutti i file si trovano in {share} (SMB {version}), raggiungibile da {host}.',
  'transfer.why.vsm':
    '{vm} è {state} e {host} non può eseguirla dal percorso dei suoi file ({storage}), quindi l’archiviazione viene prima replicata su {host}, poi si sposta la memoria.',
  'transfer.why.vsm.oldSmb':
    '{vm} è {state} e {host} non può eseguirla dal percorso dei suoi file ({storage}): {share} è SMB {version}, precedente alla 3.0, quindi l’archiviazione viene prima replicata su {host}, poi si sposta la memoria.',
  'transfer.why.vsm.noShare':
    '{vm} è {state} e {host} non può eseguirla dal percorso dei suoi file ({storage}): {host} non raggiunge {share}, quindi l’archiviazione viene prima replicata su {host}, poi si sposta la memoria.',
  'transfer.why.quick':
    '{vm} è salvata e a disponibilità elevata in {cluster}: il cluster sposta la macchina virtuale salvata su {host} (una breve interruzione mentre ne viene ripristinato lo stato).',
  'transfer.why.network':
    '{vm} è {state}, quindi non può essere migrata in tempo reale: i suoi file vengono copiati in rete e viene registrata su {host}. Avviala prima per migrarla in tempo reale.',
  'vmState.Running': 'in esecuzione',
  'vmState.Paused': 'in pausa (Ferry considera in esecuzione una macchina virtuale in pausa: VMM la migra in tempo reale)',
  'vmState.Saved': 'salvata',
  'vmState.Off': 'spenta',
  'transfer.line': '{type}: {why}',
  'transfer.copied.storage': 'Copiati: {size} di dischi virtuali ({vhds}, più i file di configurazione) in {location}.',
  'transfer.copied.storageNoLocation':
    'Copiati: {size} di dischi virtuali ({vhds}, più i file di configurazione); nessun percorso di destinazione noto: scegline uno in Seleziona percorso.',
  'transfer.vhds.one': '{count} VHD',
  'transfer.vhds.other': '{count} VHD',
  'transfer.copied.memory': 'Copiato: niente su disco; si spostano solo la memoria ({memory}) e lo stato dei dispositivi, i file restano in {storage}.',
  'transfer.copied.savedState': 'Copiato: niente; i file restano in {storage} e il cluster sposta lo stato salvato su {host}.',
  'transfer.vsmSlots': 'Lo spostamento occupa uno slot in tempo reale e uno di archiviazione sia su {source} sia su {host}.',
  'transfer.haLine': 'Disponibilità elevata: {window}',
  'transfer.ha.short':
    '{vm} non è a disponibilità elevata mentre si sposta su {target}; con l’archiviazione condivisa l’intervallo è breve (solo la copia della memoria).',
  'transfer.ha.vsm':
    '{vm} non è a disponibilità elevata mentre si sposta su {target}; con In tempo reale (VSM) l’intervallo dura tutta la copia dell’archiviazione ({size}).',
  'transfer.ha.network':
    '{vm} non è a disponibilità elevata dall’inizio della copia ({size}) finché non viene resa di nuovo a disponibilità elevata su {target}.',
  'transfer.ha.standalone': 'l’host autonomo {host}',
  'transfer.ha.clustered': '{host} in {cluster}',
  'transfer.unavailable': 'Nessuno finché {host} non è disponibile. Una volta risolti i motivi:',

  'rating.head': '{rating} stelle su 5, in base al margine che {host} mantiene dopo lo spostamento (la memoria pesa di più):',
  'rating.memory':
    'Memoria (peso {weight}): {available} disponibili − {reserve} di riserva − {vmMemory} per {vm} = {free} liberi dopo lo spostamento, il {percent}% dei suoi {total}.',
  'rating.cpu': 'CPU (peso {weight}): 100% − {usage}% in uso = {percent}% di margine.',
  'rating.storage':
    'Archiviazione (peso {weight}): {location} mantiene {kept} di {capacity} dopo la copia di {moving} e la riserva disco di {reserve}, il {percent}%.',
  'rating.storageNone': 'Archiviazione: non conteggiata (non viene copiato nulla o lo spazio libero della destinazione è sconosciuto).',
  'rating.score': 'Punteggio {wm}×{m} + {wc}×{c} + {ws}×{s} = {score}; stelle = punteggio × 5, arrotondato alla mezza stella più vicina, almeno 0,5.',
  'rating.scoreNoStorage': 'Punteggio {wm}×{m} + {wc}×{c} = {score}; stelle = punteggio × 5, arrotondato alla mezza stella più vicina, almeno 0,5.',
  'rating.rules.notPreferred': 'Mezza stella in meno, {rating} stelle su 5: {host} non è tra i proprietari preferiti di {vm} ({owners}).',
  'rating.rules.noneBetter':
    '{rating} stelle su 5: su {host} la macchina virtuale non sarebbe dove vogliono le sue regole ({rules}) e nessun host disponibile senza un avviso simile mantiene altrettanta memoria libera.',
  'rating.rules.lowered':
    'Abbassata a {rating} stelle su 5, sotto ogni host senza un avviso simile che mantiene almeno la stessa memoria libera, perché su {host} la macchina virtuale non sarebbe dove vogliono le sue regole ({rules}).',
  'rating.rules.kept':
    '{rating} stelle su 5, già sotto ogni host senza un avviso simile che mantiene almeno la stessa memoria libera, perché su {host} la macchina virtuale non sarebbe dove vogliono le sue regole ({rules}).',
  'rating.rules.raised': 'Alzata a {rating} stelle su 5, così supera gli host su cui la macchina virtuale non sarebbe dove vogliono le sue regole.',
  'rating.location': '{path} ({target})',
  'rating.unavailable.one': '0 stelle: {host} non è disponibile per {vm}. Risolvi prima questo motivo:',
  'rating.unavailable.other': '0 stelle: {host} non è disponibile per {vm}. Risolvi prima questi {count} motivi:',
};
