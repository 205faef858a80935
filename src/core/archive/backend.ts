import type { Passage, SourceDoc, SourceMeta } from '../model';
import { exhaustiveSearch, queryTerms, type SearchHit, type SearchOptions } from '../search/passageIndex';

/** What a search backend answers: the hits, and whether some part of it could not answer. */
export interface BackendResult {
  readonly hits: readonly SearchHit[];
  /** The parts (shards) that failed, by name; the hits then come from the others only. */
  readonly failed: readonly string[];
}

/**
 * A place passages are searched: the in-process index of the workspace, or a shared archive.
 * Both rank with the same fuse.js code, so their scores can be merged.
 */
export interface SearchBackend {
  /** A name for messages ("workspace", "archive"). */
  readonly name: string;
  search(query: string, options?: SearchOptions): Promise<BackendResult>;
}

/** The in-process index as a backend: anything with the service's `search`. */
export function inProcessBackend(index: { search(query: string, options?: SearchOptions): SearchHit[] }): SearchBackend {
  return { name: 'workspace', search: (query, options) => Promise.resolve({ hits: index.search(query, options), failed: [] }) };
}

/** One candidate passage as the archive stores it: the passage and its source's metadata. */
export interface ArchiveRow {
  /** The source's identity in the archive (its citation key). */
  readonly sourceId: string;
  readonly path: string;
  readonly meta: SourceMeta;
  readonly passage: Passage;
}

/** The URI an archive source gets, so that it never collides with a workspace file. */
export function archiveUri(sourceId: string): string {
  return `verbatim-archive:${encodeURIComponent(sourceId)}`;
}

/**
 * Ranks the archive's candidates with the in-process code (fuse.js over exactly these
 * passages), so that for the same candidates the order and the scores are those of the
 * workspace's index. The sources are rebuilt holding only their candidate passages and no
 * text: an archive hit names its passage and source, not the source's file.
 */
export function rankArchiveRows(rows: readonly ArchiveRow[], query: string, options: SearchOptions = {}): SearchHit[] {
  const docs = new Map<string, { doc: SourceDoc; passages: Passage[] }>();
  for (const row of rows) {
    let entry = docs.get(row.sourceId);
    if (!entry) {
      const passages: Passage[] = [];
      entry = { passages, doc: { uri: archiveUri(row.sourceId), path: row.path, meta: row.meta, text: '', bodyStart: 0, blocks: [], passages } };
      docs.set(row.sourceId, entry);
    }
    entry.passages.push(row.passage);
  }
  return exhaustiveSearch([...docs.values()].map((d) => d.doc), query, options);
}

/**
 * The workspace's hits and the archive's, best first by fuse.js score; the workspace wins ties,
 * and a source the workspace holds (same citation key) is taken from the workspace only.
 */
export function mergeHits(workspace: readonly SearchHit[], archive: readonly SearchHit[], limit: number): SearchHit[] {
  const local = new Set(workspace.map((h) => h.source.meta.key));
  const merged = [...workspace.map((h, i) => ({ h, i, w: 0 })), ...archive.filter((h) => !local.has(h.source.meta.key)).map((h, i) => ({ h, i, w: 1 }))];
  merged.sort((a, b) => a.h.score - b.h.score || a.w - b.w || a.i - b.i);
  return merged.slice(0, limit).map((m) => m.h);
}

/** The query's terms as the archive's candidate query reads them (the in-process index's terms). */
export function archiveTerms(query: string): string[] {
  return [...new Set([...queryTerms(query), ...queryTerms(query, true)])];
}
