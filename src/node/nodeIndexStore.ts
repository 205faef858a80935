import { createHash } from 'node:crypto';
import { promises as nodeFs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IIndexStore } from '../core';

/** The parts of `fs.promises` the store uses, so a test can cut a write short. */
export type StoreFileSystem = Pick<typeof nodeFs, 'open' | 'rename' | 'mkdir' | 'readFile' | 'readdir' | 'rm'>;

/** The cache's file name in the storage folder. */
export const indexFileName = 'index.vbix';

/** The file keeping the Zotero library's items (see `ZoteroSourcesOptions`) beside the index cache. */
export const zoteroItemsFileName = 'zotero-items.json';

/**
 * The index cache as one file in a folder the editor keeps for the workspace (never the
 * workspace itself). A save writes a temporary file, flushes it to disk, and renames it over
 * the old one, so a save cut off at any point leaves the old file or the new one whole.
 * Without a folder it keeps nothing.
 */
export class NodeIndexStore implements IIndexStore {
  #folder: string | undefined;
  #saves = 0;
  readonly #fs: StoreFileSystem;
  readonly #name: string;

  /** `name` is the file's name in the folder (`index.vbix` for the index cache). */
  constructor(folder?: string, fs: StoreFileSystem = nodeFs, name = indexFileName) {
    this.#folder = folder;
    this.#fs = fs;
    this.#name = name;
  }

  setFolder(folder: string | undefined): void {
    this.#folder = folder;
  }

  get file(): string | undefined {
    return this.#folder && path.join(this.#folder, this.#name);
  }

  async load(): Promise<Uint8Array | undefined> {
    const folder = this.#folder;
    if (!folder) return undefined;
    await this.#removeLeftovers(folder);
    const data = await this.#fs.readFile(path.join(folder, this.#name)).catch(() => undefined);
    return data && new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async save(bytes: Uint8Array): Promise<void> {
    const folder = this.#folder;
    if (!folder) return;
    await this.#fs.mkdir(folder, { recursive: true });
    const target = path.join(folder, this.#name);
    const temporary = `${target}.tmp-${process.pid}-${++this.#saves}`;
    try {
      const handle = await this.#fs.open(temporary, 'w');
      try {
        let written = 0;
        while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
        // On disk before it takes the old file's name, or a power cut could leave the name on nothing.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#fs.rename(temporary, target);
    } catch (error) {
      await this.#fs.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    // The rename itself is durable once the folder is flushed (folders cannot be opened for that on Windows).
    const dir = await this.#fs.open(folder, 'r').catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  }

  /** Temporary files of saves that were cut off (a killed process) are removed at the next start. */
  async #removeLeftovers(folder: string): Promise<void> {
    const names = await this.#fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (name.startsWith(`${this.#name}.tmp-`)) await this.#fs.rm(path.join(folder, name), { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Names the running build: a hash of the bundle this code runs from, so a cache written by any
 * other build (changed extraction rules included) is rebuilt rather than trusted.
 */
export function runningBuildId(file: string = __filename): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 24);
  } catch {
    return 'unknown';
  }
}
