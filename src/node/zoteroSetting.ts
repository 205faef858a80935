import { unwatchFile, watchFile } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { bibliographyWithZotero, loadSourceAsync, ZoteroSources, type IWorkspace, type LoadResult, type SourceDoc, type SourceFile, type ZoteroSourcesOptions } from '../core';
import { NodeZoteroDirectory } from './zoteroDirectory';

/** How often the database's size and time are looked at (a stat, no read): Zotero commits are seconds apart. */
const pollMs = 3000;

/**
 * The Zotero library the setting `verbatim.zotero.dataDirectory` names, for the language
 * server: its items join the workspace's sources, and a change of the database (a commit in
 * its write-ahead log, a checkpoint) calls `onChange` so the server reindexes.
 */
export class ZoteroSetting {
  #dir = '';
  #sources: ZoteroSources | undefined;
  #watched: string[] = [];
  readonly #onChange: () => void;
  readonly #options: ZoteroSourcesOptions;

  /** `options` keep the library's items for the next start (see `ZoteroSourcesOptions`). */
  constructor(onChange: () => void, options: ZoteroSourcesOptions = {}) {
    this.#onChange = onChange;
    this.#options = options;
  }

  /** Uses the data directory the setting names (`~` for the home folder; empty for none); true when it changed. */
  apply(dataDirectory: string): boolean {
    const dir = dataDirectory.replace(/^~(?=$|[\\/])/, homedir());
    if (dir === this.#dir) return false;
    this.dispose();
    this.#dir = dir;
    if (!dir) return true;
    this.#sources = new ZoteroSources(new NodeZoteroDirectory(dir), this.#options);
    this.#watched = ['zotero.sqlite', 'zotero.sqlite-wal', 'better-bibtex.sqlite'].map((name) => join(dir, name));
    for (const file of this.#watched) watchFile(file, { interval: pollMs, persistent: false }, this.#changed);
    return true;
  }

  readonly #changed = (): void => {
    this.#onChange();
  };

  /** The workspace's sources and, when a library is set, its items. */
  workspace(base: IWorkspace): IWorkspace {
    return {
      findSources: (patterns) => (this.#sources ? this.#sources.workspace(base).findSources(patterns) : base.findSources(patterns)),
      readFile: (ref, maxBytes) => (this.#sources ? this.#sources.workspace(base).readFile(ref, maxBytes) : base.readFile(ref, maxBytes)),
    };
  }

  /** Loads a source, a Zotero item as the library reads it. */
  readonly load = (file: SourceFile, maxBytes: number): Promise<LoadResult> => (this.#sources ? this.#sources.load(file, maxBytes) : loadSourceAsync(file, maxBytes));

  /** The sources as CSL-JSON, Zotero's items as Zotero exports them. */
  bibliography(sources: readonly SourceDoc[]): unknown[] {
    return bibliographyWithZotero(sources, this.#sources);
  }

  /** Stops watching the database. */
  dispose(): void {
    for (const file of this.#watched) unwatchFile(file, this.#changed);
    this.#watched = [];
    this.#sources = undefined;
  }
}
