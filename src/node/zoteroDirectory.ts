import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IZoteroDirectory, ZoteroDatabaseBytes } from '../core';

/** How often a copy is read again when the database changed while it was being read. */
const attempts = 5;

/**
 * A Zotero data directory on disk, for reading only: files are read whole with `readFile`
 * (never opened for writing, never locked), so a running Zotero is neither blocked nor slowed.
 */
export class NodeZoteroDirectory implements IZoteroDirectory {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = resolve(dir);
  }

  #path(path: string): string {
    return isAbsolute(path) ? path : join(this.#dir, path);
  }

  async databaseStamp(): Promise<string> {
    const db = await stat(this.#path('zotero.sqlite'));
    const [wal, bbt] = await Promise.all([this.stat('zotero.sqlite-wal'), this.stat('better-bibtex.sqlite')]);
    return JSON.stringify([db.size, db.mtimeMs, wal, bbt]);
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
        return { database, ...(wal?.length ? { wal } : {}), ...(betterBibtex ? { betterBibtex } : {}) };
      }
    }
  }

  async stat(path: string): Promise<{ size: number; modified: number } | undefined> {
    const s = await stat(this.#path(path)).catch(() => undefined);
    return s?.isFile() ? { size: s.size, modified: Math.floor(s.mtimeMs) } : undefined;
  }

  read(path: string): Promise<Uint8Array> {
    return readFile(this.#path(path));
  }

  uri(path: string): string {
    return pathToFileURL(this.#path(path)).href;
  }
}

/** The data directory Zotero uses unless told otherwise (`~/Zotero`), if it holds a library. */
export async function defaultZoteroDirectory(home = homedir()): Promise<string | undefined> {
  const dir = join(home, 'Zotero');
  const db = await stat(join(dir, 'zotero.sqlite')).catch(() => undefined);
  return db?.isFile() ? dir : undefined;
}
