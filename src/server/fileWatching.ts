import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type Connection } from 'vscode-languageserver/node';
import { watchedGlobs } from '../shared/patterns';
import { watchFolders } from '../node';

/** Batches file events this long, so a checkout of many files reindexes once. */
const watchDebounceMs = 100;

/** A changed file as a watcher reports it. */
export interface ChangedFile {
  readonly file: string;
  readonly deleted: boolean;
}

/**
 * Watches the source files: through the editor when it can watch for the server, else with
 * Node's own watcher on the workspace folders. Events are batched, so the host hears each
 * file once per burst of changes.
 */
export class FileWatching {
  #pending = new Map<string, boolean>();
  #flush: NodeJS.Timeout | undefined;
  #stopFallback: (() => void) | undefined;

  constructor(private readonly connection: Connection, private readonly onBatch: (changes: ChangedFile[]) => void) {
    connection.onDidChangeWatchedFiles((params) => {
      this.#add(params.changes.map((c) => ({ file: fileURLToPath(c.uri), deleted: c.type === FileChangeType.Deleted })));
    });
  }

  /** Watches what `sources` match under `roots`, replacing the watchers registered before. */
  async watch(editorWatches: boolean, sources: readonly string[], roots: readonly string[]): Promise<void> {
    if (editorWatches) {
      const watchers = watchedGlobs(sources).map((w) => ({ globPattern: w.globPattern, ...(w.deletionsOnly ? { kind: WatchKind.Delete } : {}) }));
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      return;
    }
    this.#stopFallback?.();
    this.#stopFallback = watchFolders(roots, (files) => this.#add(files.map((file) => ({ file, deleted: false }))));
  }

  dispose(): void {
    this.#stopFallback?.();
    clearTimeout(this.#flush);
  }

  #add(changes: readonly ChangedFile[]): void {
    for (const change of changes) this.#pending.set(change.file, change.deleted);
    clearTimeout(this.#flush);
    this.#flush = setTimeout(() => {
      const batch = this.#pending;
      this.#pending = new Map();
      this.onBatch([...batch].map(([file, deleted]) => ({ file, deleted })));
    }, watchDebounceMs);
  }
}
