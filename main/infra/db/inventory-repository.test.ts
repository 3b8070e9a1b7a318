import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { loadInventory, loadInventoryMeta, replaceInventory } from './inventory-repository.js';
import { openDatabase, type Db } from './open.js';

const schema = (db: Db) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();

describe('replaceInventory', () => {
  it('leaves every index as the migrations made it, matching the rows it wrote', () => {
    const db = openDatabase(':memory:');
    const before = schema(db);
    replaceInventory(db, minimalInventory(), 'a.json', new Date('2026-01-01T00:00:00Z'));
    replaceInventory(db, minimalInventory(), 'b.json', new Date('2026-01-02T00:00:00Z'));
    expect(schema(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const host = minimalInventory().vms[0].host;
    const onHost = db.prepare('SELECT COUNT(*) FROM vms INDEXED BY vms_host WHERE host_id = (SELECT id FROM hosts WHERE name = ?)').pluck().get(host);
    expect(onHost).toBe(minimalInventory().vms.filter((v) => v.host === host).length);
  });

  it('changes nothing, indexes included, when the write fails part way', () => {
    const db = openDatabase(':memory:');
    replaceInventory(db, minimalInventory(), 'good.json', new Date('2026-01-01T00:00:00Z'));
    const before = { indexes: schema(db), estate: loadInventory(db) };
    // Past the importer's checks only by a caller's mistake: a VM on a host the estate lacks fails while the
    // VMs' indexes are down; an affinity rule naming a VM it lacks fails after they are rebuilt.
    const noHost = minimalInventory();
    noHost.vms[1].host = 'NO-SUCH-HOST';
    expect(() => replaceInventory(db, noHost, 'bad.json', new Date('2026-01-02T00:00:00Z'))).toThrow(/NOT NULL/);
    expect({ indexes: schema(db), estate: loadInventory(db) }).toEqual(before);
    const noVm = minimalInventory();
    noVm.affinityRules = [{ name: 'apart', type: 'DifferentNode', vms: [noVm.vms[0].name, 'NO-SUCH-VM'], required: true }];
    expect(() => replaceInventory(db, noVm, 'bad.json', new Date('2026-01-02T00:00:00Z'))).toThrow(/NO-SUCH-VM/);
    expect({ indexes: schema(db), estate: loadInventory(db) }).toEqual(before);
  });

  it('gives hosts and VMs their ids in file order, so the estate reads back in the order it came', () => {
    const db = openDatabase(':memory:');
    const doc = minimalInventory();
    replaceInventory(db, doc, 'a.json', new Date('2026-01-01T00:00:00Z'));
    replaceInventory(db, { ...doc, vms: [...doc.vms].reverse() }, 'b.json', new Date('2026-01-02T00:00:00Z'));
    expect(loadInventory(db).inventory.vms.map((v) => v.name)).toEqual([...doc.vms].reverse().map((v) => v.name));
  });
});

describe('loadInventoryMeta', () => {
  it('reads the meta and revision alone, as loadInventory has them', () => {
    const db = openDatabase(':memory:');
    expect(loadInventoryMeta(db)).toEqual({ revision: 0, meta: null });
    replaceInventory(db, minimalInventory(), 'a.json', new Date('2026-01-01T00:00:00Z'));
    const { revision, meta } = loadInventory(db);
    expect(loadInventoryMeta(db)).toEqual({ revision, meta });
    expect(meta).toMatchObject({ origin: 'a.json', importedAt: '2026-01-01T00:00:00.000Z' });
  });
});
