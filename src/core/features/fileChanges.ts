import type { SourceRef } from '../ports';

/** A file the host saw change: created, changed or deleted. */
export interface FileChange {
  readonly ref: SourceRef;
  readonly deleted: boolean;
  /** Whether the file matches the source patterns (the host matches paths; the core has none). */
  readonly isSource: boolean;
}

/** What file changes act on: the index and the files. */
export interface ChangedIndex {
  /** Whether the file is indexed or recorded as broken. */
  known(uri: string): boolean;
  /** Every indexed or broken source. */
  knownUris(): readonly string[];
  remove(uri: string): void;
  update(ref: SourceRef): Promise<void>;
  /** Whether the file can still be opened. */
  exists(ref: SourceRef): Promise<boolean>;
}

/**
 * What a batch of file changes means for the index. A deleted or no longer matching file leaves
 * it; a deleted folder (which the editor reports alone, and which no source pattern matches)
 * takes every source under it; a created or changed source is read again, unless it has
 * vanished meanwhile.
 */
export async function applyFileChanges(index: ChangedIndex, changes: readonly FileChange[]): Promise<void> {
  for (const { ref, deleted, isSource } of changes) {
    if (deleted || !isSource) {
      if (index.known(ref.uri)) index.remove(ref.uri);
      const under = `${ref.uri}/`;
      if (deleted && !isSource) for (const uri of index.knownUris()) if (uri.startsWith(under)) index.remove(uri);
      continue;
    }
    if (await index.exists(ref)) await index.update(ref);
    else index.remove(ref.uri);
  }
}
