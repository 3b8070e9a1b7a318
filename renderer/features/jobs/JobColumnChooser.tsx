import { useMemo } from 'react';
import type { JobListHideableColumn } from '../../../shared/model/settings.js';
import { ColumnChooser } from '../../components/ColumnChooser.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { JOB_COLUMN_LABEL, JOB_COLUMNS } from './job-columns.js';

/** Columns for the jobs lists (the Jobs pane and the Jobs workspace share the choice). */
export function JobColumnChooser() {
  const { t } = useT();
  const hidden = useAppStore((s) => s.settings.hiddenColumns.jobs);
  const setHiddenColumns = useAppStore((s) => s.setHiddenColumns);
  const columns = useMemo(() => JOB_COLUMNS.map((id) => ({ id, label: t(JOB_COLUMN_LABEL[id]) })), [t]);
  return (
    <ColumnChooser
      columns={columns}
      hidden={hidden}
      onChange={(next) =>
        void setHiddenColumns(
          'jobs',
          next.filter((c): c is JobListHideableColumn => c !== 'name'),
        )
      }
      label={t('jobs.columns')}
    />
  );
}
