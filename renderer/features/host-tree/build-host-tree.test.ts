import { describe, expect, it } from 'vitest';
import { makeHost, sampleInventory } from '../../testing/sample-inventory.js';
import { ancestorIds, buildHostTree, groupSegments, type HostTreeNode } from './build-host-tree.js';

const outline = (node: HostTreeNode): unknown =>
  node.children.length === 0 ? `${node.kind}:${node.name}` : { [`${node.kind}:${node.name}`]: node.children.map(outline) };

describe('host tree', () => {
  it('nests groups by path, clusters under their group, and clustered hosts under their cluster', () => {
    const tree = buildHostTree(sampleInventory());
    expect(outline(tree.root)).toEqual({
      'root:All Hosts': [
        {
          'group:Milano': [{ 'group:Centro': ['host:HV-MI-20'] }, { 'cluster:CL-MI-22': ['host:HV-MI-11', 'host:HV-MI-12'] }],
        },
        { 'group:Torino': ['host:HV-TO-01', 'host:HV-TO-02'] },
      ],
    });
  });

  it('puts standalone hosts directly under their group', () => {
    const tree = buildHostTree(sampleInventory());
    const host = tree.nodesById.get('host:hv-mi-20');
    expect(host?.parentId).toBe('group:milano/centro');
  });

  it('scopes a group to every host below it, nested groups included', () => {
    const inventory = sampleInventory();
    const tree = buildHostTree(inventory);
    const milano = tree.nodesById.get('group:milano');
    const hostNames = milano?.hostIndexes.map((i) => inventory.hosts[i].name).sort();
    expect(hostNames).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    expect(tree.root.hostIndexes).toHaveLength(inventory.hosts.length);
  });

  it('creates groups that only a host names, so no host is left out', () => {
    const tree = buildHostTree({
      hostGroups: [],
      clusters: [],
      hosts: [makeHost({ name: 'HV-X', hostGroup: 'All Hosts/Roma/EUR' })],
    });
    expect(ancestorIds(tree, 'host:hv-x')).toEqual(['root', 'group:roma', 'group:roma/eur', 'host:hv-x']);
  });

  it('puts a host whose cluster is missing under its group', () => {
    const tree = buildHostTree({
      hostGroups: ['All Hosts/Bari'],
      clusters: [],
      hosts: [makeHost({ name: 'HV-B', hostGroup: 'All Hosts/Bari', cluster: 'CL-GONE' })],
    });
    expect(tree.nodesById.get('host:hv-b')?.parentId).toBe('group:bari');
  });

  it('treats group paths case-insensitively and tolerates stray slashes', () => {
    expect(groupSegments('All Hosts/Milano/')).toEqual(['Milano']);
    expect(groupSegments('all hosts\\Milano\\Centro')).toEqual(['Milano', 'Centro']);
    const tree = buildHostTree({ hostGroups: ['All Hosts/Milano', 'ALL HOSTS/milano'], clusters: [], hosts: [] });
    expect(tree.root.children).toHaveLength(1);
  });

  it('lists hosts directly under All Hosts when their group is the root', () => {
    const tree = buildHostTree({ hostGroups: ['All Hosts'], clusters: [], hosts: [makeHost({ name: 'HV-R', hostGroup: 'All Hosts' })] });
    expect(tree.root.children.map((n) => n.id)).toEqual(['host:hv-r']);
  });
});
