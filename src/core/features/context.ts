import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { VerbatimSettings } from '../../shared/settings';
import type { Library } from '../library';

/** What every feature receives: the library and the settings in force. */
export interface FeatureContext {
  readonly library: Library;
  readonly settings: () => VerbatimSettings;
  /** Whether sources are still being read (or checked), so what is offered may still grow. */
  readonly indexing?: () => boolean;
}

/** Cancellation as the LSP libraries define it, without depending on them. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

export type { TextDocument };
