import { describe, it, expect } from 'vitest';
import { compareVersions, isSmb3OrLater } from './dotted-version.js';
import { fileName, isUnderPath, joinPath, uncServer, uncShareRoot, windowsPathKind } from './windows-path.js';

describe('isUnderPath', () => {
  it('matches the root itself and paths below it, ignoring case and trailing backslashes', () => {
    expect(isUnderPath('D:\\VMs', 'd:\\vms\\')).toBe(true);
    expect(isUnderPath('D:\\VMs\\A\\os.vhdx', 'D:\\')).toBe(true);
    expect(isUnderPath('\\\\FS.contoso.com\\Share\\x', '\\\\fs.contoso.com\\share')).toBe(true);
    expect(isUnderPath('C:\\ClusterStorage\\Volume1\\Contabilità-01', 'c:\\clusterstorage\\VOLUME1')).toBe(true);
  });

  it('stops at backslash boundaries: Volume10 is not under Volume1', () => {
    expect(isUnderPath('C:\\ClusterStorage\\Volume10\\x', 'C:\\ClusterStorage\\Volume1')).toBe(false);
    expect(isUnderPath('\\\\fs.contoso.com\\vmstore2', '\\\\fs.contoso.com\\vmstore')).toBe(false);
    expect(isUnderPath('D:\\', 'D:\\VMs')).toBe(false);
  });
});

describe('windowsPathKind and UNC parts', () => {
  it('tells drive, UNC and invalid paths apart', () => {
    expect(windowsPathKind('D:\\VMs')).toBe('drive');
    expect(windowsPathKind('D:\\')).toBe('drive');
    expect(windowsPathKind('\\\\fs.contoso.com\\share')).toBe('unc');
    expect(windowsPathKind('\\\\fs.contoso.com\\share\\sub dir\\Àòè')).toBe('unc');
    expect(windowsPathKind('D:')).toBe('invalid');
    expect(windowsPathKind('relative\\path')).toBe('invalid');
  });

  it('reads the server and share of a UNC path', () => {
    expect(uncServer('\\\\fs.contoso.com\\share\\x')).toBe('fs.contoso.com');
    expect(uncShareRoot('\\\\fs.contoso.com\\share\\x')).toBe('\\\\fs.contoso.com\\share');
    expect(uncServer('D:\\x')).toBeNull();
  });

  it('joins and splits names', () => {
    expect(joinPath('D:\\VMs\\', 'os.vhdx')).toBe('D:\\VMs\\os.vhdx');
    expect(fileName('D:\\VMs\\os.vhdx')).toBe('os.vhdx');
  });
});

describe('compareVersions', () => {
  it('compares dotted versions part by part as numbers', () => {
    expect(compareVersions('3.1.1', '3.0')).toBeGreaterThan(0);
    expect(compareVersions('10.0', '9.3')).toBeGreaterThan(0);
    expect(compareVersions('9', '9.0')).toBe(0);
    expect(compareVersions('2.1', '3.0')).toBeLessThan(0);
  });

  it('takes SMB 3.0, 3.0.2 and 3.1.1 as SMB 3, not 2.1 or 2.0.2', () => {
    expect(['3.0', '3.0.2', '3.1.1'].every(isSmb3OrLater)).toBe(true);
    expect(['2.1', '2.0.2', '1.0'].some(isSmb3OrLater)).toBe(false);
  });
});
