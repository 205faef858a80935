import { archiveUri, type BackendResult, type IArchiveHits, type IWorkspace, type SearchHit, type SearchOptions, type SourceRef } from '../../core';
import type { VerbatimSettings } from '../../shared/settings';
import type { ArchiveState } from '../../shared/protocol';
import { messages } from '../../shared/strings';

/** What the setting needs of an archive: a search, its sources' files, and a way to close its connections. */
export interface ArchiveSearcher {
  search(query: string, options?: SearchOptions): Promise<BackendResult>;
  /** The files archived sources were pushed from, by source id. */
  sourceFiles(ids: readonly string[]): Promise<{ id: string; path: string; bytes: Uint8Array }[]>;
  close(): Promise<void>;
}

/** How long an archive that failed is left alone before it is tried again: typing never waits on it meanwhile. */
const retryAfterMs = 30_000;
/** Answers kept, the most recent: a writer's words grow one keystroke at a time. */
const keptAnswers = 64;
/** The archived sources a draft check may hold at once, the most recently wanted: each is a whole file in memory. */
const keptSources = 200;
/** The archived sources asked for one quotation (as `verbatim check --db` asks). */
const sourcesPerQuote = 5;
/** Quotations already looked for in the archive, remembered so that a draft checked again asks nothing again. */
const keptLookups = 2_000;

/**
 * The shared archive the settings name (`verbatim.archive.*`), for the language server: asked
 * for the words completion searches, waited for at most the time budget, its answers kept for
 * the core to join (`IArchiveHits`). An archive that fails is named in the status and left
 * alone for a while; one that answers late joins on the next keystroke. Nothing connects in
 * Restricted Mode.
 */
export class ArchiveSetting implements IArchiveHits {
  #key = '';
  #archive: ArchiveSearcher | undefined;
  #budgetMs = 0;
  #limit = 20;
  readonly #answers = new Map<string, SearchHit[]>();
  readonly #asked = new Map<string, Promise<void>>();
  /** Archived sources fetched for draft checks, by URI, the most recently wanted last. */
  readonly #files = new Map<string, { readonly path: string; readonly bytes: Uint8Array }>();
  /** Quotations looked for (or being looked for) in the archive. */
  readonly #lookedFor = new Set<string>();
  #downUntil = 0;
  #state: ArchiveState | undefined;
  readonly #open: (url: string) => ArchiveSearcher;
  readonly #onState: (state: ArchiveState | undefined) => void;
  readonly #now: () => number;

  /** `open` makes the archive client for a connection string (loaded only when an archive is set). */
  constructor(open: (url: string) => ArchiveSearcher, onState: (state: ArchiveState | undefined) => void, now: () => number = Date.now) {
    this.#open = open;
    this.#onState = onState;
    this.#now = now;
  }

  /**
   * Uses the archive the settings name, unless the workspace is not trusted or the setting is
   * off. Returns whether archived sources held for draft checks were let go (the host then
   * reindexes, so that they leave the library too).
   */
  apply(settings: VerbatimSettings, trusted: boolean): boolean {
    const url = trusted && settings.archiveEnabled ? settings.archiveUrl : '';
    this.#budgetMs = settings.archiveTimeBudgetMs;
    this.#limit = settings.maxCompletionItems;
    const key = `${url}\n${this.#limit}`;
    if (key === this.#key) return false;
    const dropped = this.#files.size > 0;
    this.dispose();
    this.#key = key;
    if (!url) return dropped;
    try {
      this.#archive = this.#open(url);
      this.#setState({ state: 'connecting', message: messages.archiveConnecting });
    } catch (error) {
      this.#setState({ state: 'unreachable', message: messages.archiveUnreachable(messageOf(error)) });
    }
    return dropped;
  }

  /** Whether an archive is in use (a host asks it nothing otherwise). */
  get active(): boolean {
    return this.#archive !== undefined;
  }

  /** The state the status bar shows; undefined when no archive is used. */
  get state(): ArchiveState | undefined {
    return this.#state;
  }

  hits(query: string): readonly SearchHit[] | undefined {
    return this.#answers.get(query);
  }

  /**
   * Asks the archive for `query` (once per query) and waits for its answer at most the time
   * budget; a late answer is kept for the next request. Returns at once while the archive is
   * left alone after a failure.
   */
  async prefetch(query: string): Promise<void> {
    const archive = this.#archive;
    if (!archive || this.#answers.has(query) || this.#now() < this.#downUntil) return;
    let asked = this.#asked.get(query);
    if (!asked) {
      const started = this.#now();
      asked = this.#ask(archive, query, started);
      this.#asked.set(query, asked);
    }
    if (this.#budgetMs <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => { timer = setTimeout(resolve, this.#budgetMs); });
    await Promise.race([asked, budget]);
    clearTimeout(timer);
  }

  async #ask(archive: ArchiveSearcher, query: string, started: number): Promise<void> {
    try {
      const result = await archive.search(query, { limit: this.#limit });
      if (archive !== this.#archive) return;
      this.#answers.set(query, [...result.hits]);
      while (this.#answers.size > keptAnswers) this.#answers.delete(this.#answers.keys().next().value as string);
      const ms = this.#now() - started;
      if (result.failed.length) this.#setState({ state: 'partial', message: messages.archivePartial(result.failed) });
      else if (ms > this.#budgetMs) this.#setState({ state: 'slow', message: messages.archiveSlow(ms, this.#budgetMs) });
      else this.#setState({ state: 'connected', message: messages.archiveConnected });
    } catch (error) {
      if (archive !== this.#archive) return;
      this.#downUntil = this.#now() + retryAfterMs;
      this.#setState({ state: 'unreachable', message: messages.archiveUnreachable(messageOf(error)) });
    } finally {
      this.#asked.delete(query);
    }
  }

  /**
   * Looks for quotations a draft check found in no source of the workspace: the archived sources
   * that hold them are fetched (once each) and returned, for the host to index through
   * `workspace`. Each quotation is asked once; nothing is asked while the archive is left alone
   * after a failure.
   */
  async sourcesFor(quotations: readonly string[]): Promise<SourceRef[]> {
    const archive = this.#archive;
    const wanted = quotations.filter((q) => !this.#lookedFor.has(q));
    if (!archive || wanted.length === 0 || this.#now() < this.#downUntil) return [];
    for (const q of wanted) this.#lookedFor.add(q);
    while (this.#lookedFor.size > keptLookups) this.#lookedFor.delete(this.#lookedFor.values().next().value as string);
    try {
      const ids = new Set<string>();
      const failed = new Set<string>();
      for (const quotation of wanted) {
        const result = await archive.search(quotation, { limit: sourcesPerQuote });
        for (const f of result.failed) failed.add(f);
        for (const h of result.hits) ids.add(h.source.meta.key);
      }
      if (archive !== this.#archive) return [];
      // A shard that did not answer may hold the quotation: ask again at the next check.
      if (failed.size) for (const q of wanted) this.#lookedFor.delete(q);
      const fresh = [...ids].filter((id) => !this.#files.has(archiveUri(id)));
      const files = fresh.length ? await archive.sourceFiles(fresh) : [];
      if (archive !== this.#archive) return [];
      const refs: SourceRef[] = [];
      for (const f of files) {
        const uri = archiveUri(f.id);
        const path = `archive/${f.path}`;
        this.#files.set(uri, { path, bytes: f.bytes });
        refs.push({ uri, path });
      }
      // Sources wanted again move to the end; the longest unwanted leave first.
      for (const id of ids) {
        const uri = archiveUri(id);
        const held = this.#files.get(uri);
        if (held) { this.#files.delete(uri); this.#files.set(uri, held); }
      }
      while (this.#files.size > keptSources) this.#files.delete(this.#files.keys().next().value as string);
      if (failed.size) this.#setState({ state: 'partial', message: messages.archivePartial([...failed].sort()) });
      return refs.filter((r) => this.#files.has(r.uri));
    } catch (error) {
      if (archive !== this.#archive) return [];
      for (const q of wanted) this.#lookedFor.delete(q);
      this.#downUntil = this.#now() + retryAfterMs;
      this.#setState({ state: 'unreachable', message: messages.archiveUnreachable(messageOf(error)) });
      return [];
    }
  }

  /**
   * The workspace with the archived sources fetched for draft checks beside its own files, as
   * `verbatim check --db` reads them: listed after the workspace's sources, read from memory.
   */
  workspace(base: IWorkspace): IWorkspace {
    return {
      ...base,
      findSources: async (patterns) => [...await base.findSources(patterns), ...[...this.#files].map(([uri, f]) => ({ uri, path: f.path }))],
      readFile: async (ref, maxBytes) => {
        const held = this.#files.get(ref.uri);
        if (!held) return base.readFile(ref, maxBytes);
        return held.bytes.length > maxBytes + 1 ? held.bytes.subarray(0, maxBytes + 1) : held.bytes;
      },
    };
  }

  #setState(state: ArchiveState | undefined): void {
    if (state?.state === this.#state?.state && state?.message === this.#state?.message) return;
    this.#state = state;
    this.#onState(state);
  }

  /** Closes the archive's connections and forgets its answers. */
  dispose(): void {
    const archive = this.#archive;
    this.#archive = undefined;
    this.#key = '';
    this.#answers.clear();
    this.#asked.clear();
    this.#files.clear();
    this.#lookedFor.clear();
    this.#downUntil = 0;
    this.#setState(undefined);
    void archive?.close().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
