import { describe, expect, it } from 'vitest';
import { mainItMessages } from '../../../shared/i18n/it.js';
import { english, renderText, type Text, type TextFormatters } from '../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../shared/model/import.js';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { parseInventory } from './ferry-inventory.js';

const italianFormat: TextFormatters = {
  number: (v) => new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }).format(v),
  mb: (v) => `${v} MB`,
  gb: (v) => `${v} GB`,
  time: (iso) => iso,
  list: (items) => new Intl.ListFormat('it-IT', { type: 'conjunction' }).format(items),
  plural: (count) => (new Intl.PluralRules('it-IT').select(count) === 'one' ? 'one' : 'other'),
};
const italian = (value: Text): string => renderText(value, mainItMessages, italianFormat);

/** The refusal of a file: its error, and its problems each checked to carry a catalogue sentence whose English is its message. */
function refused(source: string): { error: ErrorDto; problems: ImportProblem[] } {
  const result = parseInventory(source);
  if (result.ok) throw new Error('the file was accepted');
  const problems = (result.error.detail as { problems: ImportProblem[] }).problems;
  for (const p of problems) {
    expect(p.text, p.path).toBeDefined();
    expect(english(p.text!), p.path).toBe(p.message);
  }
  expect(result.error.text).toBeDefined();
  expect(english(result.error.text!)).toBe(result.error.message);
  return { error: result.error, problems };
}

const refusedDoc = (change: (doc: InventoryDocument) => void) => {
  const doc = minimalInventory();
  change(doc);
  return refused(JSON.stringify(doc));
};

/** The one problem of a refusal, in English and in Italian. */
function only(r: { problems: ImportProblem[] }): { path: string; message: string; italian: string } {
  expect(r.problems).toHaveLength(1);
  const [p] = r.problems;
  return { path: p.path, message: p.message, italian: italian(p.text!) };
}

describe('a refused inventory file says each problem as a catalogue sentence', () => {
  it('words a field of the wrong type', () => {
    const r = refusedDoc((d) => ((d.hosts[1].memory as { availableMB: unknown }).availableMB = 'lots'));
    expect(only(r)).toEqual({
      path: 'hosts[1].memory.availableMB',
      message: 'expected a number, got the string "lots"',
      italian: 'previsto un valore number, trovato il valore string "lots"',
    });
    expect(r.error.message).toBe('The inventory file has 1 problem; nothing was imported.');
    expect(italian(r.error.text!)).toBe('Il file di inventario contiene 1 problema; non è stato importato nulla.');
  });

  it('words a missing field', () => {
    const r = refusedDoc((d) => delete (d.vms[0] as Partial<InventoryDocument['vms'][0]>).memoryMB);
    expect(only(r)).toEqual({ path: 'vms[0].memoryMB', message: 'required: expected a number', italian: 'obbligatorio: previsto un valore number' });
  });

  it('words a JSON syntax error with its line and column', () => {
    const r = refused('{\n  "format": "ferry-inventory",\n  "version": 1,\n  "hosts": [}\n');
    expect(only(r)).toEqual({
      path: '',
      message: 'not valid JSON: unexpected "}" at line 4, column 13',
      italian: 'JSON non valido: "}" imprevisto a riga 4, colonna 13',
    });
  });

  it('words a file that ends too soon', () => {
    const r = refused('{\n  "format": "ferry-inventory",');
    expect(only(r).italian).toBe('JSON non valido: il file termina prima del previsto (riga 2, colonna 31); è troncato?');
  });

  it('words a duplicate name, naming the first record by its place in the file past a malformed one', () => {
    const r = refusedDoc((d) => {
      (d.vms[0] as { memoryMB: unknown }).memoryMB = 'x';
      d.vms[2].name = 'contabilità-01';
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      'expected a number, got the string "x"',
      'duplicate VM "contabilità-01": vms[1] has the same name (compared ignoring case)',
    ]);
    expect(r.problems.map((p) => italian(p.text!))).toEqual([
      'previsto un valore number, trovato il valore string "x"',
      'VM "contabilità-01" duplicata: vms[1] ha lo stesso name (senza distinzione tra maiuscole e minuscole)',
    ]);
    expect(italian(r.error.text!)).toBe('Il file di inventario contiene 2 problemi; non è stato importato nulla.');
  });

  it('words a placement rule problem', () => {
    const r = refusedDoc((d) => (d.vms[0].possibleOwners = ['HV-MI-11', 'HV-MI-20']));
    expect(only(r)).toEqual({
      path: 'vms[0].possibleOwners[1]',
      message: 'HV-MI-20 is not a node of CL-MI-22',
      italian: 'HV-MI-20 non è un nodo di CL-MI-22',
    });
  });

  it('words a value the schema itself describes, and a reference to a record that is not listed', () => {
    const r = refusedDoc((d) => {
      d.vms[1].configVersion = 'ten';
      d.vms[2].host = 'HV-NOWHERE';
    });
    expect(r.problems.map((p) => italian(p.text!))).toEqual([
      'prevista una versione come "9.0", trovato il valore string "ten"',
      'l’host "HV-NOWHERE" non è elencato in hosts',
    ]);
  });
});
