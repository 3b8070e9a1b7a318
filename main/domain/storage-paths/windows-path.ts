/** Windows path handling, as Windows compares paths: case-insensitive, backslash-separated. */

/** The form of a Windows path: a drive path, a UNC path (`\\server\share\...`), or neither. */
export type WindowsPathKind = 'drive' | 'unc' | 'invalid';

const DRIVE = /^[A-Za-z]:\\/;
const UNC = /^\\\\([^\\/]+)\\([^\\/]+)(\\|$)/;
// Characters Windows never allows in a file or folder name; the drive colon is checked apart.
const FORBIDDEN_CHARS = '<>:"|?*/';

/** A path as Windows compares it: lower case, no trailing backslashes. */
export function pathKey(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 92) end--;
  return path.slice(0, end).toLowerCase();
}

/** Whether `path` is `root` itself or lies under it, at a backslash boundary, ignoring case. */
export function isUnderPath(path: string, root: string): boolean {
  return isUnderKey(pathKey(path), pathKey(root));
}

/** `isUnderPath` for keys already made with `pathKey` (hot loops keep the keys). */
export function isUnderKey(pathK: string, rootK: string): boolean {
  if (pathK.length === rootK.length) return pathK === rootK;
  return pathK.length > rootK.length && pathK.charCodeAt(rootK.length) === 92 && pathK.startsWith(rootK);
}

/** Of `roots`, the longest one `path` lies under (the most specific volume or share), or null. */
export function longestRoot<T>(path: string, roots: readonly T[], rootOf: (item: T) => string): T | null {
  const key = pathKey(path);
  let best: T | null = null;
  let bestLength = -1;
  for (const item of roots) {
    const rootK = pathKey(rootOf(item));
    if (rootK.length > bestLength && isUnderKey(key, rootK)) {
      best = item;
      bestLength = rootK.length;
    }
  }
  return best;
}

/** Classifies a path: an absolute drive path (`D:\VMs`), a UNC path (`\\server\share`), or invalid. */
export function windowsPathKind(path: string): WindowsPathKind {
  if (DRIVE.test(path)) return hasForbidden(path.slice(2)) || hasDotSegment(path.slice(3)) ? 'invalid' : 'drive';
  if (UNC.test(path)) return hasForbidden(path.slice(2)) || hasDotSegment(path.slice(2)) ? 'invalid' : 'unc';
  return 'invalid';
}

/** The server name of a UNC path (`fileserver1.contoso.com` of `\\fileserver1.contoso.com\share`), or null. */
export function uncServer(path: string): string | null {
  return UNC.exec(path)?.[1] ?? null;
}

/** The `\\server\share` part of a UNC path, or null. */
export function uncShareRoot(path: string): string | null {
  const m = UNC.exec(path);
  return m ? `\\\\${m[1]}\\${m[2]}` : null;
}

/** The last name of a path (`os.vhdx` of `D:\VMs\os.vhdx`). */
export function fileName(path: string): string {
  const trimmed = path.replace(/\\+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('\\') + 1);
}

/** Joins a folder and a name with exactly one backslash. */
export function joinPath(folder: string, name: string): string {
  return `${folder.replace(/\\+$/, '')}\\${name}`;
}

function hasForbidden(rest: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (rest.charCodeAt(i) < 32 || FORBIDDEN_CHARS.includes(rest[i])) return true;
  }
  return false;
}

function hasDotSegment(rest: string): boolean {
  return rest.split('\\').some((segment) => segment === '.' || segment === '..');
}
