/**
 * The data Verbatim reads out of sources. Every offset is a JavaScript string index
 * (UTF-16 code unit) into the source file's full text, front matter included, so that the
 * editor, the CLI's JSON and the tests all speak of the same characters.
 */

/** A character range `[start, end)` in a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a source's front matter (or its file name) says about it. */
export interface SourceMeta {
  /** Citation key: front matter `id`, else the file name without its extension. */
  readonly key: string;
  readonly title?: string;
  readonly author?: string;
  readonly outlet?: string;
  /** ISO date (`2017-01-25`) when the front matter gives one. */
  readonly date?: string;
  readonly url?: string;
  readonly accessed?: string;
  readonly language?: string;
  /** What kind of work it is, as a CSL type (`SourceType`), where the source shows it (a PDF's first page). */
  readonly type?: string;
}

/** The CSL types Verbatim gives sources. */
export const sourceTypes = ['article-newspaper', 'article-journal', 'paper-conference', 'report', 'legal_case', 'legislation', 'book', 'webpage', 'document'] as const;
/** One of `sourceTypes`. */
export type SourceType = typeof sourceTypes[number];

/** Why a paragraph is or is not counted (see `text/paragraphs.ts` for the rule). */
export type BlockKind = 'paragraph' | 'heading' | 'caption';

/** A block of the source's body; only `paragraph` blocks get a number. */
export interface Block extends Span {
  readonly kind: BlockKind;
  /** 1-based number as a reader counts paragraphs; 0 for headings and captions. In a PDF, counted on each page. */
  readonly number: number;
  /** The page the block starts on, in a paged source (a PDF), counted from the first page. */
  readonly page?: number;
  /** That page's number as printed on it ("125", "iv"), when the document tells it (see `pageOf`). */
  readonly pageLabel?: string;
}

/**
 * The kinds of passage the index holds: direct quotations, reported speech, clauses, and terms
 * (titles, so-called words, scare quotes: words in quotation marks that nobody is quoted saying), and highlights (passages the writer marked in their reference manager, Zotero).
 */
export type { PassageKind } from '../shared/protocol';
import type { PassageKind } from '../shared/protocol';

/** One quotable unit of a source. */
export interface Passage extends Span {
  /** Stable id: `key#kind-paragraph-n`, unchanged while the paragraph's text is unchanged. */
  readonly id: string;
  /** Citation key of the source. */
  readonly key: string;
  readonly kind: PassageKind;
  /** Exact source text (for a quote: inside the marks). */
  readonly text: string;
  /** Who said it, resolved to the fullest name the source gives (for quotes and reported speech). */
  readonly speaker?: string;
  /** Where the speaker is mentioned for this passage (may be a pronoun that resolves to `speaker`). */
  readonly speakerMention: Span | null;
  /**
   * True when no cue of speech gives the passage to `speaker`: it was inferred from the
   * quotations around it (the one before, another of the paragraph). Such a speaker is a guess,
   * which a check reports as unverified rather than as a misattribution.
   */
  readonly speakerInferred?: boolean;
  /** Paragraph number (see `Block.number`). */
  readonly paragraph: number;
  /** The page its paragraph starts on, in a paged source (a PDF), counted from the first page. */
  readonly page?: number;
  /** That page's number as printed on it, when the document tells it (see `pageOf`). */
  readonly pageLabel?: string;
  /** Provision number for clauses of rules ("Article 5(a)", "第五条"). */
  readonly label?: string;
  /** The sentence (or provision) the passage sits in, for context in hovers. */
  readonly sentence: Span;
  /** Opening and closing marks of a quote, as they stand in the source. */
  readonly marks?: { readonly open: string; readonly close: string };
  /** The writer's own comment on a highlight. */
  readonly comment?: string;
}

/** A source as indexed. */
export interface SourceDoc {
  /** Opaque identifier from the workspace port (a URI in the editor, a file URI in the CLI). */
  readonly uri: string;
  /** Path shown to people (relative to the workspace folder where possible). */
  readonly path: string;
  readonly meta: SourceMeta;
  readonly text: string;
  /** Offset where the body starts (after the front matter). */
  readonly bodyStart: number;
  readonly blocks: readonly Block[];
  readonly passages: readonly Passage[];
  /**
   * Number of pages of a paged source (a PDF). Its `text` is then the text extracted from the
   * file, not the file, so offsets have no place in the file.
   */
  readonly pages?: number;
  /**
   * The language whose rules read the source (sentence ends, attribution cues, provision
   * numbers): front matter's `language`, else one detected from the text. Absent when neither
   * gives one, and the default rules apply.
   */
  readonly language?: { readonly tag: string; readonly detected: boolean };
  /** Warnings about a source that was indexed (pages of a PDF left out), reported with the source's problems. */
  readonly notices?: readonly { readonly code: string; readonly message: string }[];
}

/** A source that could not be indexed, or a warning about one that was. */
export interface SourceProblem {
  readonly uri: string;
  readonly path: string;
  /** Stable code: one of `sourceProblemCodes` (`src/shared/diagnosticCodes.ts`). */
  readonly code: string;
  readonly message: string;
  /** True when the source was skipped; false for warnings (a duplicate key). */
  readonly skipped: boolean;
}

/**
 * The page a reader cites a block or passage of a paged source by: the number printed on the
 * page when the document tells it (a journal article's "125"), otherwise the page counted from
 * the first. Undefined outside paged sources.
 */
export function pageOf(at: { readonly page?: number; readonly pageLabel?: string }): string | undefined {
  return at.pageLabel ?? (at.page ? String(at.page) : undefined);
}
