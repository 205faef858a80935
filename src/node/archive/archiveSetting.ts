import type { BackendResult, IArchiveHits, SearchHit, SearchOptions } from '../../core';
import type { VerbatimSettings } from '../../shared/settings';
import type { ArchiveState } from '../../shared/protocol';
import { messages } from '../../shared/strings';

/** What the setting needs of an archive: a search, and a way to close its connections. */
export interface ArchiveSearcher {
  search(query: string, options?: SearchOptions): Promise<BackendResult>;
  close(): Promise<void>;
}

/** How long an archive that failed is left alone before it is tried again: typing never waits on it meanwhile. */
const retryAfterMs = 30_000;
/** Answers kept, the most recent: a writer's words grow one keystroke at a time. */
const keptAnswers = 64;

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

  /** Uses the archive the settings name, unless the workspace is not trusted or the setting is off. */
  apply(settings: VerbatimSettings, trusted: boolean): void {
    const url = trusted && settings.archiveEnabled ? settings.archiveUrl : '';
    this.#budgetMs = settings.archiveTimeBudgetMs;
    this.#limit = settings.maxCompletionItems;
    const key = `${url}\n${this.#limit}`;
    if (key === this.#key) return;
    this.dispose();
    this.#key = key;
    if (!url) return;
    try {
      this.#archive = this.#open(url);
      this.#setState({ state: 'connecting', message: messages.archiveConnecting });
    } catch (error) {
      this.#setState({ state: 'unreachable', message: messages.archiveUnreachable(messageOf(error)) });
    }
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
    this.#downUntil = 0;
    this.#setState(undefined);
    void archive?.close().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
