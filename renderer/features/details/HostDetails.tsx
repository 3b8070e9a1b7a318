import { Link, makeStyles, ProgressBar, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { Host } from '../../../shared/model/inventory.js';
import { HostStatusIcons } from '../../components/HostStatusIcons.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { hostMigrations, type HostMigration } from '../jobs/host-migrations.js';
import { DetailsSection, Property, PropertyList } from './PropertyList.js';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  inline: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  number: { textAlign: 'right', whiteSpace: 'nowrap', width: '72px' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  meter: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  moves: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  move: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  moveText: { minWidth: 0, overflowWrap: 'anywhere' },
  percent: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

/** One move in flight on the host: the VM (a link to its job), where it goes, and how far it is. */
function MoveItem({ entry }: { entry: HostMigration }) {
  const styles = useStyles();
  const { t, formatNumber } = useT();
  const selectJob = useAppStore((s) => s.selectJob);
  const setJobsPaneOpen = useAppStore((s) => s.setJobsPaneOpen);
  const { job, direction } = entry;
  const move = job.move;
  const where =
    direction === 'outgoing'
      ? t('details.migrations.outgoing', { host: move?.destinationHost ?? '' })
      : direction === 'incoming'
        ? t('details.migrations.incoming', { host: move?.sourceHost ?? '' })
        : t('details.migrations.local');
  return (
    <li className={styles.move}>
      <span className={styles.moveText}>
        <Link
          as="button"
          inline
          onClick={() => {
            selectJob(job.id);
            setJobsPaneOpen(true);
          }}
        >
          {job.target}
        </Link>{' '}
        {where}
      </span>
      <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
    </li>
  );
}

/** The live and storage migrations in flight on a host against its limits, as Hyper-V Settings shows them. */
function MigrationsInFlight({ host }: { host: Host }) {
  const styles = useStyles();
  const { t, tn } = useT();
  const cluster = useAppStore((s) => (host.cluster ? (s.index?.clusterByName.get(host.cluster.toLowerCase()) ?? null) : null));
  const jobs = useAppStore((s) => s.jobs);
  const inFlight = useMemo(() => hostMigrations(host, cluster, jobs), [host, cluster, jobs]);
  const clusterLimit = cluster?.maxParallelMigrations != null;
  const list = (entries: HostMigration[]) =>
    entries.length === 0 ? null : (
      <ul className={styles.moves}>
        {entries.map((entry) => (
          <MoveItem key={entry.job.id} entry={entry} />
        ))}
      </ul>
    );
  return (
    <DetailsSection title={t('details.section.migrationsInFlight')}>
      <PropertyList>
        <Property label={t('details.migrations.live')}>
          <span className={styles.meter}>
            <span>
              {t('details.migrations.inUse', { inUse: String(inFlight.live.length), limit: String(inFlight.limits.live) })}
              {clusterLimit ? <span className={styles.muted}> {t('details.migrations.clusterLimit', { cluster: cluster?.name ?? '' })}</span> : null}
            </span>
            {list(inFlight.live)}
          </span>
        </Property>
        <Property label={t('details.migrations.storage')}>
          <span className={styles.meter}>
            <span>{t('details.migrations.inUse', { inUse: String(inFlight.storage.length), limit: String(inFlight.limits.storage) })}</span>
            {list(inFlight.storage)}
          </span>
        </Property>
        {inFlight.queued > 0 ? <Property label={t('details.migrations.queuedLabel')}>{tn('details.migrations.queued', inFlight.queued)}</Property> : null}
      </PropertyList>
    </DetailsSection>
  );
}

function PathList({ paths, empty }: { paths: readonly string[]; empty: string }) {
  const styles = useStyles();
  if (paths.length === 0) return <Text className={styles.muted}>{empty}</Text>;
  return (
    <ul className={styles.list}>
      {paths.map((path) => (
        <li key={path} className={styles.mono}>
          {path}
        </li>
      ))}
    </ul>
  );
}

/** The details of one host: identity, processor, memory, live-migration settings and storage. */
export function HostDetails({ host }: { host: Host }) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatSizeGB, formatNumber, origin } = useT();
  const vmCount = useAppStore((s) => s.index?.vmsByHost.get(host.name.toLowerCase())?.length ?? 0);
  const lm = host.liveMigration;
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const usedFraction = host.memory.totalMB > 0 ? 1 - host.memory.availableMB / host.memory.totalMB : 0;
  return (
    <>
      <DetailsSection title={t('details.section.general')}>
        <PropertyList>
          <Property label={t('details.host.fqdn')}>{host.fqdn}</Property>
          <Property label={t('details.host.group')}>{origin(host.hostGroup)}</Property>
          <Property label={t('details.host.cluster')}>{host.cluster ?? t('details.host.standalone')}</Property>
          <Property label={t('details.host.os')}>{host.os}</Property>
          <Property label={t('details.host.state')}>
            <span className={styles.inline}>
              <HostStatusIcons host={{ state: host.state, maintenanceMode: false }} />
              {t(`hostState.${host.state}`)}
            </span>
          </Property>
          <Property label={t('details.host.maintenance')}>
            <span className={styles.inline}>
              <HostStatusIcons host={{ state: 'Responding', maintenanceMode: host.maintenanceMode }} />
              {host.maintenanceMode ? t('details.host.maintenanceOn') : t('details.host.maintenanceOff')}
            </span>
          </Property>
          <Property label={t('details.host.vmCount')}>{formatNumber(vmCount)}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.processor')}>
        <PropertyList>
          <Property label={t('details.host.cpuVendor')}>{host.cpu.vendor}</Property>
          <Property label={t('details.host.cpuGeneration')}>{host.cpu.generation}</Property>
          <Property label={t('details.host.logicalProcessors')}>{formatNumber(host.cpu.logicalProcessors)}</Property>
          <Property label={t('details.host.cpuUsage')}>
            <span className={styles.meter}>
              {t('unit.percent', { value: formatNumber(host.cpu.usagePercent) })}
              <ProgressBar value={host.cpu.usagePercent} max={100} aria-label={t('details.host.cpuUsage')} />
            </span>
          </Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.memory')}>
        <PropertyList>
          <Property label={t('details.host.memoryTotal')}>{formatMemoryMB(host.memory.totalMB)}</Property>
          <Property label={t('details.host.memoryAvailable')}>
            <span className={styles.meter}>
              {formatMemoryMB(host.memory.availableMB)}
              <ProgressBar value={usedFraction} max={1} aria-label={t('details.host.memoryInUse')} />
            </span>
          </Property>
          <Property label={t('details.host.memoryReserve')}>{formatMemoryMB(host.memory.reserveMB)}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.liveMigration')}>
        <PropertyList>
          <Property label={t('details.host.lmEnabled')}>{lm.enabled ? t('details.host.lmEnabledOn') : t('details.host.lmEnabledOff')}</Property>
          <Property label={t('details.host.maxLive')}>{formatNumber(lm.maxLive)}</Property>
          <Property label={t('details.host.maxStorage')}>{formatNumber(lm.maxStorage)}</Property>
          <Property label={t('details.host.performance')}>{t(`perf.${lm.performanceOption}`)}</Property>
          <Property label={t('details.host.authentication')}>{lm.authentication}</Property>
          <Property label={t('details.host.networks')}>
            {lm.useAnyNetwork ? t('details.host.anyNetwork') : <PathList paths={lm.networks} empty={t('common.none')} />}
          </Property>
        </PropertyList>
      </DetailsSection>
      <MigrationsInFlight host={host} />
      <DetailsSection title={t('details.section.migrationNetwork')}>
        <PropertyList>
          <Property label={t('details.host.speed')}>{t('unit.gbps', { value: formatNumber(host.migrationNetwork.gbps, 1) })}</Property>
          <Property label={t('details.host.rdma')}>{yesNo(host.migrationNetwork.rdma)}</Property>
          <Property label={t('details.host.nics')}>{formatNumber(host.migrationNetwork.nics)}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.fileShares')}>
        <PathList paths={host.fileShares} empty={t('common.none')} />
      </DetailsSection>
      <DetailsSection title={t('details.section.volumes')}>
        {host.volumes.length === 0 ? (
          <Text className={styles.muted}>{t('common.none')}</Text>
        ) : (
          <Table size="extra-small" aria-label={t('details.section.volumes')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('details.volume.path')}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t('details.volume.capacity')}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t('details.volume.free')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {host.volumes.map((volume) => (
                <TableRow key={volume.path}>
                  <TableCell>
                    <span className={styles.mono}>{volume.path}</span>
                  </TableCell>
                  <TableCell className={styles.number}>{formatSizeGB(volume.capacityGB)}</TableCell>
                  <TableCell className={styles.number}>{formatSizeGB(volume.freeGB)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DetailsSection>
      <DetailsSection title={t('details.section.storageLocations')}>
        <PathList paths={host.defaultStorageLocations} empty={t('common.none')} />
      </DetailsSection>
    </>
  );
}
