/**
 * Verbatim's extensions to the Language Server Protocol, declared once for the client and the
 * server. Methods are namespaced `verbatim/…`.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** A passage as the client shows it in the insert-quote picker. */
export interface PassageItem {
  readonly id: string;
  readonly key: string;
  readonly kind: 'quote' | 'reported' | 'clause';
  readonly text: string;
  readonly speaker?: string;
  /** "PEN America · Hong Kong Free Press · 25 January 2017 · para. 7" */
  readonly byline: string;
  /** Text to insert at the cursor: the quotation in marks and its citation. */
  readonly insertText: string;
  /** A footnote definition to append to the draft (footnote citation style). */
  readonly footnote?: string;
}

export interface SearchParams {
  readonly query: string;
  /** The draft the result will be inserted into (for footnote numbering). */
  readonly uri?: string;
  readonly limit?: number;
}

/** Ranked passages for a query, formatted for insertion. */
export const searchRequest = new RequestType<SearchParams, PassageItem[], void>('verbatim/search');

/** Reads every source again. */
export const reindexRequest = new RequestType0<StatusParams, void>('verbatim/reindex');

export interface SourceProblemItem {
  readonly uri: string;
  readonly path: string;
  readonly message: string;
  readonly skipped: boolean;
}

/** What the status bar shows. */
export interface StatusParams {
  readonly sources: number;
  readonly passages: number;
  readonly problems: readonly SourceProblemItem[];
  readonly indexing: boolean;
}

/** Sent by the server whenever the index changes. */
export const statusNotification = new NotificationType<StatusParams>('verbatim/status');

export interface AuditResult {
  /** The audit as Markdown, for the writer to read, save and sign off. */
  readonly report: string;
  readonly drafts: number;
  readonly quotations: number;
}

/** Checks every draft of the workspace, publishes their diagnostics, and returns the report. */
export const auditRequest = new RequestType0<AuditResult, void>('verbatim/audit');

/** The sources as a CSL-JSON bibliography (one item per citation key), for Pandoc's citeproc. */
export interface BibliographyResult {
  /** CSL-JSON items, ready to be written as a JSON array. */
  readonly items: readonly unknown[];
}

/** The workspace's sources as CSL-JSON. The server writes nothing: the client saves it where the writer chooses. */
export const bibliographyRequest = new RequestType0<BibliographyResult, void>('verbatim/bibliography');
