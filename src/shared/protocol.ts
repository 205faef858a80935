/**
 * Verbatim's extensions to the Language Server Protocol, declared once for the client and the
 * server. Methods are namespaced `verbatim/…`.
 */
import { NotificationType, RequestType, RequestType0, type WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The kinds of passage: a direct quotation, reported speech, a clause of a law or contract. */
export type PassageKind = 'quote' | 'reported' | 'clause' | 'term' | 'highlight';

/**
 * A passage on the wire, as the insert-quote picker and the Sources view both receive it:
 * plain strings (source text is never markup) and what inserting it writes.
 */
export interface WirePassage {
  readonly id: string;
  readonly key: string;
  readonly kind: PassageKind;
  readonly text: string;
  readonly speaker?: string;
  /** Text to insert at the cursor: the quotation in marks and its citation. */
  readonly insertText: string;
  /** A footnote definition to append to the draft (footnote citation style). */
  readonly footnote?: string;
}

/** A passage as the insert-quote picker shows it. */
export interface PassageItem extends WirePassage {
  /** "PEN America · Hong Kong Free Press · 25 January 2017 · para. 7" */
  readonly byline: string;
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
  /** While indexing: how many of the sources found have been read. */
  readonly progress?: { readonly done: number; readonly total: number };
  /** Sources answered as the saved index had them, not yet checked against their files. */
  readonly unverified?: number;
  /** The shared archive, when one is set: whether it answers. */
  readonly archive?: ArchiveState;
}

/** How the shared archive answers: not yet asked, in time, late, without some shards, or not at all. */
export interface ArchiveState {
  readonly state: 'connecting' | 'connected' | 'slow' | 'partial' | 'unreachable';
  /** One line for the status bar's tooltip. */
  readonly message: string;
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

/** A source as the Sources view lists it (plain strings: source text is never markup). */
export interface SourceNode {
  readonly uri: string;
  readonly path: string;
  readonly key: string;
  readonly label: string;
  /** Outlet (or author) and date. */
  readonly description: string;
  readonly passages: number;
  readonly problems: readonly { readonly code: string; readonly message: string; readonly skipped: boolean }[];
  /** The source could not be indexed. */
  readonly broken: boolean;
  /** The file is not the text (a PDF): it opens whole, with no passage to select. */
  readonly opensWhole: boolean;
}

/** Every indexed source and every source that failed, by path; passages come per source. */
export const sourcesRequest = new RequestType0<SourceNode[], void>('verbatim/sources');

export interface PassagesParams {
  /** The source. */
  readonly uri: string;
  /** The draft a passage will be inserted into (footnote numbering). */
  readonly draft?: string;
  /** Only this passage. */
  readonly id?: string;
  readonly limit?: number;
}

/** A passage of a source, with where it stands in the source's file and what inserting it writes. */
export interface PassageNode extends WirePassage {
  /** "para. 7", a provision ("Article 5(a)"), in a PDF with the page first ("p. 3, para. 2"); may be empty. */
  readonly locator: string;
  /** LSP range in the source's own file (a saved web page is mapped back into its HTML). */
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  /** The citation alone, to copy. */
  readonly citation: string;
}

export interface PassagesResult {
  readonly passages: readonly PassageNode[];
  /** Passages left out by the limit. */
  readonly more: number;
}

/** A source's passages in reading order, at most `limit` of them; null when the source is not indexed. */
export const passagesRequest = new RequestType<PassagesParams, PassagesResult | null, void>('verbatim/passages');

export interface FrontMatterEditParams {
  /** The draft, open in the editor. */
  readonly uri: string;
  /** A top-level field of its YAML front matter (`bibliography`). */
  readonly field: string;
  readonly value: string;
}

/**
 * The edit that sets a field of a draft's front matter, computed by the server (the client
 * parses no YAML) and applied by the client as one edit the writer can undo; null when the
 * draft is not open.
 */
export const frontMatterEditRequest = new RequestType<FrontMatterEditParams, WorkspaceEdit | null, void>('verbatim/frontMatterEdit');
