import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IZoteroDirectory, ZoteroDatabaseBytes } from '../core';

/** How often a copy is read again when the database changed while it was being read. */
const attempts = 5;

/** How long files are looked at synchronously before the event loop gets a turn. */
const statSliceMs = 8;

/**
 * Fewer files than this looked at in one slice means a slow disk (a network share): the rest
 * are looked at asynchronously, so that no single look can hold the event loop for long.
 */
const quickStatsPerSlice = 16;

type FileStat = { size: number; modified: number } | undefined;

/**
 * A relative path of names made of characters a file URL keeps as they are, none of them `.`
 * or `..` (`storage/ABCD1234/.zotero-ft-cache`): joined to the folder as it is, and to its URL.
 */
function isPlainRelative(path: string): boolean {
  if (!/^[\w./-]+$/.test(path)) return false;
  for (const name of path.split('/')) if (name === '' || name === '.' || name === '..') return false;
  return true;
}

/**
 * A Zotero data directory on disk, for reading only: files are read whole with `readFile`
 * (never opened for writing, never locked), so a running Zotero is neither blocked nor slowed.
 */
export class NodeZoteroDirectory implements IZoteroDirectory {
  readonly #dir: string;
  readonly #home: string;

  /** The data directory's file URL, without a final slash. */
  readonly #href: string;

  constructor(dir: string, home = homedir()) {
    this.#dir = resolve(dir);
    this.#home = home;
    this.#href = pathToFileURL(this.#dir).href.replace(/\/$/, '');
  }

  #path(path: string): string {
    if (isPlainRelative(path)) return `${this.#dir}${sep}${path}`;
    return isAbsolute(path) ? path : join(this.#dir, path);
  }

  /** The files' sizes and times, and the base directory for linked files (it changes where they are). */
  async databaseStamp(): Promise<string> {
    const db = await stat(this.#path('zotero.sqlite'));
    const [wal, bbt, base] = await Promise.all([this.stat('zotero.sqlite-wal'), this.stat('better-bibtex.sqlite'), zoteroBaseAttachmentPath(this.#dir, this.#home)]);
    return JSON.stringify([db.size, db.mtimeMs, wal, bbt, base ?? null]);
  }

  /**
   * A consistent copy: the write-ahead log, then the database, read between two looks at both
   * files' sizes and times; when Zotero wrote meanwhile (a commit or a checkpoint), read again.
   */
  async readDatabase(): Promise<ZoteroDatabaseBytes> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.databaseStamp();
      const wal = await readFile(this.#path('zotero.sqlite-wal')).catch(() => undefined);
      const database = await readFile(this.#path('zotero.sqlite'));
      const betterBibtex = await readFile(this.#path('better-bibtex.sqlite')).catch(() => undefined);
      if (before === await this.databaseStamp() || attempt >= attempts) {
        const baseAttachmentPath = await zoteroBaseAttachmentPath(this.#dir, this.#home);
        return { database, ...(wal?.length ? { wal } : {}), ...(betterBibtex ? { betterBibtex } : {}), ...(baseAttachmentPath ? { baseAttachmentPath } : {}) };
      }
    }
  }

  async stat(path: string): Promise<FileStat> {
    const s = await stat(this.#path(path)).catch(() => undefined);
    return s?.isFile() ? { size: s.size, modified: Math.floor(s.mtimeMs) } : undefined;
  }

  /**
   * Synchronous looks, in slices of a few milliseconds with a turn of the event loop between:
   * a local disk answers from its cache in microseconds, and thousands of promises would cost
   * several times the looks themselves. On a disk that answers slowly, asynchronous looks.
   */
  async stats(paths: readonly string[]): Promise<FileStat[]> {
    const found: FileStat[] = new Array(paths.length);
    let i = 0;
    while (i < paths.length) {
      const start = performance.now();
      const first = i;
      do found[i] = this.#statNow(paths[i]);
      while (++i < paths.length && performance.now() - start < statSliceMs);
      if (i === paths.length) break;
      if (i - first < quickStatsPerSlice) {
        const rest = await Promise.all(paths.slice(i).map((path) => this.stat(path)));
        for (const s of rest) found[i++] = s;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return found;
  }

  #statNow(path: string): FileStat {
    try {
      const s = statSync(this.#path(path), { throwIfNoEntry: false });
      return s?.isFile() ? { size: s.size, modified: Math.floor(s.mtimeMs) } : undefined;
    } catch {
      return undefined;
    }
  }

  read(path: string): Promise<Uint8Array> {
    return readFile(this.#path(path));
  }

  /** A plain relative path (thousands of them, one per attachment) is appended to the folder's URL: the URL `pathToFileURL` gives, without its cost. */
  uri(path: string): string {
    return isPlainRelative(path) ? `${this.#href}/${path}` : pathToFileURL(this.#path(path)).href;
  }
}

/** The data directory Zotero uses unless told otherwise (`~/Zotero`), if it holds a library. */
export async function defaultZoteroDirectory(home = homedir()): Promise<string | undefined> {
  const dir = join(home, 'Zotero');
  const db = await stat(join(dir, 'zotero.sqlite')).catch(() => undefined);
  return db?.isFile() ? dir : undefined;
}

/** Where Zotero keeps its profiles (`profiles.ini` and each profile's `prefs.js`) on this platform. */
function profileRoot(home: string, platform: NodeJS.Platform, appData: string | undefined): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Zotero');
  if (platform === 'win32') return join(appData ?? join(home, 'AppData', 'Roaming'), 'Zotero', 'Zotero');
  return join(home, '.zotero', 'zotero');
}

/** A string or boolean preference of a `prefs.js` (`user_pref("name", "value");`). */
function preference(prefs: string, name: string): string | boolean | undefined {
  const m = new RegExp(`user_pref\\("${name.replace(/\./g, '\\.')}",\\s*("(?:[^"\\\\]|\\\\.)*"|true|false)\\s*\\);`).exec(prefs);
  if (!m) return undefined;
  if (m[1] === 'true' || m[1] === 'false') return m[1] === 'true';
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return undefined;
  }
}

/**
 * Zotero's "Linked Attachment Base Directory" for the data directory `dataDir`, from the
 * preferences of the Zotero profile that uses it (its `extensions.zotero.dataDir`, or `~/Zotero`
 * when the profile sets none); undefined when no profile says. Read only, never written.
 */
export async function zoteroBaseAttachmentPath(dataDir: string, home = homedir(), platform: NodeJS.Platform = process.platform, appData = process.env.APPDATA): Promise<string | undefined> {
  const root = profileRoot(home, platform, appData);
  const ini = await readFile(join(root, 'profiles.ini'), 'utf8').catch(() => undefined);
  if (!ini) return undefined;
  const wanted = resolve(dataDir);
  for (const section of ini.split(/^\[/m).slice(1)) {
    const path = /^Path=(.+)$/m.exec(section)?.[1]?.trim();
    if (!path) continue;
    const relative = /^IsRelative=1\s*$/m.test(section);
    const prefs = await readFile(join(relative ? join(root, path) : path, 'prefs.js'), 'utf8').catch(() => undefined);
    if (!prefs) continue;
    const custom = preference(prefs, 'extensions.zotero.dataDir');
    const usesCustom = preference(prefs, 'extensions.zotero.useDataDir') !== false && typeof custom === 'string' && custom !== '';
    const profileData = usesCustom ? custom : join(home, 'Zotero');
    if (resolve(profileData) !== wanted) continue;
    const base = preference(prefs, 'extensions.zotero.baseAttachmentPath');
    return typeof base === 'string' && base !== '' ? base : undefined;
  }
  return undefined;
}
