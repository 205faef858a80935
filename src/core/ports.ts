/** The outside world as the core sees it: small ports the host implements (Node, a browser, a test). */
import type { SearchHit } from './search/passageIndex';

/** A source file as the workspace names it. */
export interface SourceRef {
  /** Opaque identifier the workspace understands (a URI). */
  readonly uri: string;
  /** Path shown to people. */
  readonly path: string;
}

/** The file system as the core sees it: the host supplies it (Node, a browser, a test). */
export interface IWorkspace {
  /** Every file matched by the patterns now (the source patterns, or the drafts' for the audit). */
  findSources(patterns: readonly string[]): Promise<readonly SourceRef[]>;
  /**
   * A file's bytes, at most `maxBytes + 1` of them (so a huge file is never read whole, yet is
   * seen to be too large); rejects with an Error whose message says why it cannot be read, and
   * whose `code` is `verbatim.source.outsideWorkspace` for a file that a link or `../` places
   * outside the workspace folders.
   */
  readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array>;
}

/** Where the core writes lines for the host's log. */
export interface ILogger {
  log(message: string): void;
}

/**
 * Where the index is kept between runs (the editor's storage for the workspace, never the
 * workspace itself). The core decides what the bytes mean and refuses damaged ones.
 */
export interface IIndexStore {
  /** The bytes last saved, or undefined when there are none. */
  load(): Promise<Uint8Array | undefined>;
  /** Replaces the saved bytes at once: a later `load` sees the old bytes or the new ones, never a mix. */
  save(bytes: Uint8Array): Promise<void>;
}

/**
 * A shared archive's answers as the host holds them. The host asks the archive (over the
 * network, within its time budget) before it asks for completion; the core only reads what
 * has arrived, so it never waits on the archive.
 */
export interface IArchiveHits {
  /** The archive's passages for these words, best first; undefined while it has not answered them. */
  hits(query: string): readonly SearchHit[] | undefined;
}
