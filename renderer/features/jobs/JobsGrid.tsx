import { makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import type { MessageKey } from '../../i18n/en.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import type { MenuAnchor } from '../vm-actions/VmContextMenu.js';
import { formatDuration, progressColor } from './job-format.js';

/** Columns of the jobs grid, in order. */
const COLUMNS: readonly MessageKey[] = ['jobs.col.name', 'jobs.col.status', 'jobs.col.progress', 'jobs.col.timeLeft', 'jobs.col.start', 'jobs.col.end', 'jobs.col.target'];
const TEMPLATE = 'minmax(220px, 2fr) 150px 150px 84px 140px 140px minmax(110px, 1fr)';
const MIN_WIDTH = 994;
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 28;

const useStyles = makeStyles({
  grid: {
    height: '100%',
    overflow: 'auto',
    position: 'relative',
    outlineStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  gridFocusEmpty: {
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  head: { position: 'sticky', top: 0, zIndex: 1, minWidth: `${MIN_WIDTH}px` },
  headRow: {
    display: 'grid',
    gridTemplateColumns: TEMPLATE,
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  headCell: {
    display: 'flex',
    alignItems: 'center',
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
  body: { position: 'relative', minWidth: `${MIN_WIDTH}px` },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: `${ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: TEMPLATE,
    alignItems: 'center',
    boxSizing: 'border-box',
    cursor: 'default',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  focused: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
  },
  cell: {
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: '40px' },
  percent: { width: '34px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  number: { fontVariantNumeric: 'tabular-nums' },
  waiting: { gridColumn: '3 / span 4', color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

/** Capitalises a backend sentence fragment ("waiting for …") to start a cell. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface RowProps {
  job: Job;
  id: string;
  position: number;
  offset: number;
  selected: boolean;
  focused: boolean;
  translator: Translator;
  onSelect: (jobId: string) => void;
}

/** One job: name, status, progress (or what a queued job waits for), time left, start, end, target. */
const JobRow = memo(function JobRow({ job, id, position, offset, selected, focused, translator, onSelect }: RowProps) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = translator;
  const eta = job.status === 'Running' && job.metrics?.etaSeconds != null ? formatDuration(translator, job.metrics.etaSeconds) : '';
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-index={position}
      data-job-id={job.id}
      className={mergeClasses(styles.row, selected && styles.selected, focused && styles.focused)}
      style={{ transform: `translateY(${offset}px)` }}
      onClick={() => onSelect(job.id)}
    >
      <div role="gridcell" aria-colindex={1} className={mergeClasses(styles.cell, styles.name)} title={job.name}>
        {job.name}
      </div>
      <div role="gridcell" aria-colindex={2} className={styles.cell}>
        <JobStatusLabel status={job.status} />
      </div>
      {job.status === 'Queued' && job.waitingFor ? (
        // A queued job has no progress, time left, start or end yet: what it waits for takes their place.
        <div role="gridcell" aria-colindex={3} aria-colspan={4} className={mergeClasses(styles.cell, styles.waiting)} title={sentence(job.waitingFor)}>
          {sentence(job.waitingFor)}
        </div>
      ) : (
        <>
          <div role="gridcell" aria-colindex={3} className={mergeClasses(styles.cell, styles.progress)}>
            <ProgressBar
              className={styles.bar}
              value={job.progress}
              max={100}
              color={progressColor(job.status)}
              aria-label={t('jobs.progressOf', { name: job.name })}
            />
            <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
          </div>
          <div role="gridcell" aria-colindex={4} className={mergeClasses(styles.cell, styles.number)}>
            {eta}
          </div>
          <div role="gridcell" aria-colindex={5} className={mergeClasses(styles.cell, styles.number)}>
            {formatDateTime(job.startedAt)}
          </div>
          <div role="gridcell" aria-colindex={6} className={mergeClasses(styles.cell, styles.number)}>
            {formatDateTime(job.endedAt)}
          </div>
        </>
      )}
      <div role="gridcell" aria-colindex={7} className={styles.cell} title={job.target}>
        {job.target}
      </div>
    </div>
  );
});

const rectOf = (element: Element): MenuAnchor => {
  const r = element.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

/** Props of the jobs grid. */
export interface JobsGridProps {
  jobs: readonly Job[];
  selectedJobId: string | null;
  label: string;
  onSelect: (jobId: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's job (now selected) and where to open a menu. */
  onRowContextMenu?: (jobId: string, anchor: MenuAnchor) => void;
}

/**
 * The jobs list: role="grid" with a sticky header and virtualised rows, so thousands of jobs scroll
 * smoothly and a progress batch re-renders only the rows in view. The grid takes focus; arrow keys,
 * Page Up/Down, Home and End move the selection, which `aria-activedescendant` announces.
 */
export function JobsGrid({ jobs, selectedJobId, label, onSelect, onRowContextMenu }: JobsGridProps) {
  const styles = useStyles();
  const translator = useT();
  const { t } = translator;
  const gridRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [hasFocus, setHasFocus] = useState(false);

  const activeIndex = useMemo(() => (selectedJobId === null ? -1 : jobs.findIndex((job) => job.id === selectedJobId)), [jobs, selectedJobId]);

  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => jobs[index]?.id ?? index,
  });

  const rowId = useCallback((position: number) => `${idPrefix}-row-${position}`, [idPrefix]);

  // A new selection from outside (a wizard's Move, Restart) is scrolled into view; a progress batch is not.
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  useEffect(() => {
    if (activeRef.current >= 0) virtualizer.scrollToIndex(activeRef.current, { align: 'auto' });
  }, [selectedJobId, virtualizer]);

  const moveTo = (position: number) => {
    if (jobs.length === 0) return;
    const next = Math.max(0, Math.min(jobs.length - 1, position));
    onSelect(jobs[next].id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const openContextMenu = (position: number, anchor: (row: Element | null) => MenuAnchor) => {
    if (!onRowContextMenu || position < 0 || position >= jobs.length) return false;
    const jobId = jobs[position].id;
    onSelect(jobId);
    gridRef.current?.focus({ preventScroll: true });
    onRowContextMenu(jobId, anchor(document.getElementById(rowId(position))));
    return true;
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as Element).closest('[role="row"][data-index]');
    const position = row ? Number((row as HTMLElement).dataset.index) : activeIndex;
    const fromKeyboard = event.button !== 2 || (event.clientX === 0 && event.clientY === 0);
    const pointer = { x: event.clientX, y: event.clientY, width: 0, height: 0 };
    const at = (el: Element | null) => (fromKeyboard ? (el ? rectOf(el) : rectOf(event.currentTarget)) : pointer);
    if (openContextMenu(position, at)) event.preventDefault();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.metaKey) return;
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (openContextMenu(activeIndex, (el) => rectOf(el ?? event.currentTarget))) event.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const from = activeIndex;
    let to: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        to = from < 0 ? 0 : from + 1;
        break;
      case 'ArrowUp':
        to = from < 0 ? 0 : from - 1;
        break;
      case 'PageDown':
        to = from < 0 ? 0 : from + page;
        break;
      case 'PageUp':
        to = from < 0 ? 0 : from - page;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = jobs.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(to);
  };

  const onRowSelect = useCallback(
    (jobId: string) => {
      onSelect(jobId);
      gridRef.current?.focus({ preventScroll: true });
    },
    [onSelect],
  );

  const items = virtualizer.getVirtualItems();
  const activeRendered = activeIndex >= 0 && items.some((item) => item.index === activeIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={jobs.length + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable={false}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      className={mergeClasses(styles.grid, !activeRendered && styles.gridFocusEmpty)}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onFocus={(e) => e.target === e.currentTarget && setHasFocus(true)}
      onBlur={(e) => e.target === e.currentTarget && setHasFocus(false)}
    >
      <div role="rowgroup" className={styles.head}>
        <div role="row" aria-rowindex={1} className={styles.headRow}>
          {COLUMNS.map((key, i) => (
            <div key={key} role="columnheader" aria-colindex={i + 1} className={styles.headCell} title={t(key)}>
              {t(key)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const job = jobs[item.index];
          return (
            <JobRow
              key={job.id}
              job={job}
              id={rowId(item.index)}
              position={item.index}
              offset={item.start - HEADER_HEIGHT}
              selected={job.id === selectedJobId}
              focused={hasFocus && item.index === activeIndex}
              translator={translator}
              onSelect={onRowSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
