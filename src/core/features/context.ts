import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { VerbatimSettings } from '../../shared/settings';
import type { Library } from '../library';
import type { IArchiveHits } from '../ports';

/** What every feature receives: the library and the settings in force. */
export interface FeatureContext {
  readonly library: Library;
  readonly settings: () => VerbatimSettings;
  /** Whether sources are still being read (or checked), so what is offered may still grow. */
  readonly indexing?: () => boolean;
  /** How many of the listed source files have been read, while the first files are listed and read. */
  readonly progress?: () => { readonly done: number; readonly total: number } | undefined;
  /** A shared archive's answers, joined to the workspace's in completion. */
  readonly archive?: IArchiveHits;
}

/** Cancellation as the LSP libraries define it, without depending on them. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

/**
 * Hands the thread back to the host for a moment. A host with a message loop (the language
 * server) resolves it once waiting messages have been read, so a cancellation or an edit that
 * arrives during a long check reaches the check. The core owns no timers: the host supplies this.
 */
export type YieldNow = () => Promise<void>;

/**
 * Work done between two yields, in milliseconds: short enough that a cancelled request stops
 * at once, long enough that yielding costs nothing noticeable.
 */
export const workSliceMs = 10;

/**
 * The pace of a long loop: `await pace()` between units of work yields to the host once a slice
 * of work has passed, and answers whether to go on (false once `stop()` says so).
 */
export function pacer(yieldNow: YieldNow | undefined, stop: () => boolean, now: () => number = Date.now): () => Promise<boolean> {
  let since = now();
  return async () => {
    if (yieldNow && now() - since >= workSliceMs) {
      await yieldNow();
      since = now();
    }
    return !stop();
  };
}

export type { TextDocument };
