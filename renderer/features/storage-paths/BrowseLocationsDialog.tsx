import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { SelectableRow } from '../../components/SelectableRow.js';
import { useT } from '../../i18n/use-translator.js';
import { useCsvLabel } from './csv-label.js';

const useStyles = makeStyles({
  surface: { width: '680px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { maxHeight: '260px', overflowY: 'auto', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  kind: { width: '150px' },
  number: { width: '90px', textAlign: 'right', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Props of the Browse dialog. */
export interface BrowseLocationsDialogProps {
  host: string;
  locations: readonly StorageLocation[];
  initialPath: string;
  onPick: (path: string) => void;
  onClose: () => void;
}

/**
 * Browse: the host's default locations, volumes, cluster shared volumes and reachable SMB 3 shares with
 * their free space; picking one fills the folder, which the admin may also type or extend.
 */
export function BrowseLocationsDialog({ host, locations, initialPath, onPick, onClose }: BrowseLocationsDialogProps) {
  const styles = useStyles();
  const { t, formatSizeGB } = useT();
  const csvPath = useCsvLabel(host);
  const navigation = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  const [path, setPath] = useState(initialPath);
  const size = (gb: number | null) => (gb === null ? t('storage.unknownSpace') : formatSizeGB(gb));
  const pick = () => {
    onPick(path.trim());
    onClose();
  };
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('storage.browseTitle', { host })}</DialogTitle>
          <DialogContent className={styles.content}>
            {locations.length === 0 ? (
              <Text className={styles.muted}>{t('storage.noLocations', { host })}</Text>
            ) : (
              <div className={styles.list}>
                <Table size="extra-small" role="grid" aria-label={t('storage.locationsOf', { host })}>
                  <TableHeader className={styles.head}>
                    <TableRow>
                      <TableHeaderCell>{t('storage.col.location')}</TableHeaderCell>
                      <TableHeaderCell className={styles.kind}>{t('storage.col.kind')}</TableHeaderCell>
                      <TableHeaderCell className={styles.number}>{t('storage.col.free')}</TableHeaderCell>
                      <TableHeaderCell className={styles.number}>{t('storage.col.capacity')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody {...navigation}>
                    {locations.map((location) => (
                      <SelectableRow key={location.path} selected={location.path === path.trim()} onActivate={() => setPath(location.path)}>
                        <TableCell>
                          <span className={styles.mono}>{csvPath(location.path)}</span>
                        </TableCell>
                        <TableCell className={styles.kind}>{t(`storage.kind.${location.kind}`)}</TableCell>
                        <TableCell className={styles.number}>{size(location.freeGB)}</TableCell>
                        <TableCell className={styles.number}>{size(location.capacityGB)}</TableCell>
                      </SelectableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            <Field label={t('storage.folder')} hint={t('storage.folderHint')}>
              <Input value={path} onChange={(_e, data) => setPath(data.value)} className={styles.mono} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={path.trim() === ''} onClick={pick}>
              {t('storage.choose')}
            </Button>
            <Button onClick={onClose}>{t('wizard.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
