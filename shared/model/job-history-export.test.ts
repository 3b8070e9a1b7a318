import { describe, expect, it } from 'vitest';
import type { Job } from './job.js';
import { csvField, JOB_HISTORY_COLUMNS, jobHistoryCsv, jobHistoryJson, jobHistoryRow } from './job-history-export.js';

const move: Job = {
  id: 'b1a2c3d4-0000-4000-8000-000000000001',
  kind: 'migrate-vm',
  name: 'Migrate virtual machine WEB-01 to HV-02',
  status: 'Completed',
  progress: 100,
  owner: 'admin',
  target: 'WEB-01',
  createdAt: '2026-12-05T08:00:00.000Z',
  startedAt: '2026-12-05T08:00:01.000Z',
  endedAt: '2026-12-05T08:00:07.500Z',
  steps: [],
  error: null,
  summary: null,
  waitingFor: null,
  metrics: { bytesSent: 1, throughputBps: 1, downtimeMs: 240, passes: 3, etaSeconds: null, totalSeconds: 64.25 },
  restartOf: null,
  move: {
    kind: 'live',
    sourceHost: 'HV-01',
    destinationHost: 'HV-02',
    performanceOption: 'Compression',
    prediction: { durationSeconds: 61.5, downtimeMs: 210 },
  },
  groupId: null,
};

/** Splits CSV text into records of fields, by RFC 4180 (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('job history export', () => {
  it('puts a move’s predicted against actual duration and downtime in its row', () => {
    const row = jobHistoryRow(move);
    expect(row).toMatchObject({
      vm: 'WEB-01',
      source: 'HV-01',
      destination: 'HV-02',
      transfer_type: 'Live',
      actual_duration_s: 64.3,
      predicted_duration_s: 61.5,
      actual_downtime_ms: 240,
      predicted_downtime_ms: 210,
      error_problem: null,
    });
  });

  it('leaves a job that is not a move without VM, hosts or predictions, and times it from start to end', () => {
    const row = jobHistoryRow({ ...move, kind: 'import-inventory', name: 'Import', move: null, metrics: null, target: 'demo.json' });
    expect(row).toMatchObject({ vm: null, source: null, transfer_type: null, predicted_duration_s: null, actual_duration_s: 6.5 });
  });

  it('writes a header and one CRLF-ended record per job, empty cells for nulls', () => {
    const csv = jobHistoryCsv([move]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = parseCsv(csv);
    expect(records[0]).toEqual([...JOB_HISTORY_COLUMNS]);
    expect(records).toHaveLength(2);
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('predicted_duration_s')]).toBe('61.5');
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('error_problem')]).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks, so they read back whole', () => {
    const problem = 'The host said "no",\r\nthen\nstopped';
    const records = parseCsv(jobHistoryCsv([{ ...move, status: 'Failed', error: { problem, recommendedAction: '' } }]));
    expect(records).toHaveLength(2);
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('error_problem')]).toBe(problem);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('neutralises text a spreadsheet would run as a formula (= + - @, tab, CR) with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    const records = parseCsv(jobHistoryCsv([{ ...move, target: '=cmd|calc', name: 'Migrate virtual machine =cmd|calc to HV-02' }]));
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('vm')]).toBe("'=cmd|calc");
    // Numbers are not text: a number is written as it is.
    expect(csvField(-1)).toBe('-1');
  });

  it('keeps Unicode as it is', () => {
    const records = parseCsv(jobHistoryCsv([{ ...move, target: 'Magazzino-Città-Ünïcode-日本', name: 'Sposta 🚚' }]));
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('vm')]).toBe('Magazzino-Città-Ünïcode-日本');
    expect(records[1][JOB_HISTORY_COLUMNS.indexOf('name')]).toBe('Sposta 🚚');
  });

  it('writes JSON rows with the CSV’s columns as keys and numbers as numbers', () => {
    const rows = JSON.parse(jobHistoryJson([move])) as Record<string, unknown>[];
    expect(Object.keys(rows[0])).toEqual([...JOB_HISTORY_COLUMNS]);
    expect(rows[0].predicted_downtime_ms).toBe(210);
    expect(rows[0].vm).toBe('WEB-01');
  });
});
