import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import type { Job } from '../../../shared/model/job.js';
import { jobHistoryCsv, jobHistoryJson } from '../../../shared/model/job-history-export.js';
import { useT } from '../../i18n/use-translator.js';

/** A file name for an export made now: ferry-jobs-20261205-0812.csv. */
function exportFileName(now: Date, extension: 'csv' | 'json'): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `ferry-jobs-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.${extension}`;
}

/** Hands text to the browser as a downloaded file (a Blob link works in Electron and in a browser on the headless host). */
function download(text: string, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the data by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Export in the Jobs workspace: the jobs listed (under the filter and search) as CSV or JSON, with each
 * move's predicted against actual duration and downtime (the same rows as `ferry jobs --csv`).
 */
export function JobHistoryExport({ jobs }: { jobs: readonly Job[] }) {
  const { t } = useT();
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton size="small" appearance="subtle" icon={<ArrowDownload20Regular />} disabled={jobs.length === 0}>
          {t('jobs.export')}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {/* A byte-order mark, so a spreadsheet reads the UTF-8 names as such. */}
          <MenuItem onClick={() => download(`\uFEFF${jobHistoryCsv(jobs)}`, 'text/csv;charset=utf-8', exportFileName(new Date(), 'csv'))}>
            {t('jobs.export.csv')}
          </MenuItem>
          <MenuItem onClick={() => download(jobHistoryJson(jobs), 'application/json', exportFileName(new Date(), 'json'))}>{t('jobs.export.json')}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
