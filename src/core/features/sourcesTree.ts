import type { PassageNode, PassagesResult, SourceNode } from '../../shared/protocol';
import type { CitationStyle } from '../../shared/settings';
import { longDate } from '../citations/citations';
import { pageOf, type Passage, type SourceDoc, type SourceProblem } from '../model';
import { messages, pdfMessages } from '../../shared/strings';
import { sourceRange } from './locations';
import { citedQuotation } from './quotation';

/**
 * Every source and every source that failed, ordered by path (numbers by value), each with its problems. A
 * problem whose source is indexed (a duplicate key) is a warning on it; one whose source is
 * not is a broken source of its own.
 */
export function describeSources(sources: readonly SourceDoc[], problems: readonly SourceProblem[]): SourceNode[] {
  const byUri = new Map<string, SourceProblem[]>();
  for (const p of problems) byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), p]);
  const summaries: SourceNode[] = sources.map((source) => {
    const m = source.meta;
    return {
      uri: source.uri,
      path: source.path,
      key: m.key,
      label: m.title ?? m.key,
      description: [m.outlet ?? m.author, m.date ? longDate(m.date) : undefined].filter(Boolean).join(' · '),
      passages: source.passages.length,
      problems: (byUri.get(source.uri) ?? []).map(plainProblem),
      broken: false,
      opensWhole: source.pages !== undefined,
    };
  });
  const indexed = new Set(sources.map((s) => s.uri));
  for (const [uri, list] of byUri) {
    if (indexed.has(uri)) continue;
    summaries.push({ uri, path: list[0].path, key: '', label: list[0].path, description: '', passages: 0, problems: list.map(plainProblem), broken: true, opensWhole: false });
  }
  byPath ??= new Intl.Collator('en', { numeric: true });
  const collator = byPath;
  return summaries.sort((a, b) => collator.compare(a.path, b.path));
}

/** Paths as a file manager orders them: `s2.md` before `s10.md`. */
/** Made on first use: building a collator loads locale data, which would slow every start of the server. */
let byPath: Intl.Collator | undefined;

function plainProblem(p: SourceProblem): SourceNode['problems'][number] {
  return { code: p.code, message: p.message, skipped: p.skipped };
}

export interface PassageListOptions {
  /** At most this many passages, in the order they stand in the source. */
  readonly limit: number;
  readonly citationStyle: CitationStyle;
  /** The footnote number the draft would give the next citation (footnote style). */
  readonly footnoteNumber?: number;
  /** Only the passage with this id (to insert it into a given draft). */
  readonly id?: string;
}

/** A source's passages in reading order, each with where it stands and what inserting it writes. */
export function describePassages(source: SourceDoc, options: PassageListOptions): PassagesResult {
  const all = options.id === undefined ? source.passages : source.passages.filter((p) => p.id === options.id);
  const limit = Math.max(0, Math.floor(options.limit));
  const shown = [...all].sort((a, b) => a.start - b.start).slice(0, limit);
  return { passages: shown.map((p) => summarise(p, source, options)), more: all.length - shown.length };
}

function summarise(passage: Passage, source: SourceDoc, options: PassageListOptions): PassageNode {
  const quotation = citedQuotation(passage, source, options.citationStyle, options.footnoteNumber ?? 1);
  const citation = quotation.citation;
  return {
    id: passage.id,
    key: passage.key,
    kind: passage.kind,
    text: passage.text,
    ...(passage.speaker ? { speaker: passage.speaker } : {}),
    locator: locatorLabel(passage),
    range: sourceRange(source, passage),
    insertText: quotation.text,
    citation: citation.inline,
    ...(citation.footnote ? { footnote: citation.footnote } : {}),
  };
}

/** "para. 7", "Article 5(a)"; in a PDF with its page first: "p. 3, para. 2". */
function locatorLabel(passage: Passage): string {
  const within = passage.label ?? (passage.paragraph > 0 ? messages.paragraphLabel(passage.paragraph) : undefined);
  const page = pageOf(passage);
  return (page ? [pdfMessages.pageLabel(page), within].filter(Boolean).join(', ') : within) ?? '';
}
