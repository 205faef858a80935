import type { Block, Passage, SourceDoc, Span } from '../model';
import { findCitations, findLocatorIn, type CitationRef, type Locator } from '../citations/citations';
import { findDraftQuotes } from '../draft/draftQuotes';
import { checkQuote, type Finding } from '../check/checkQuote';
import type { FeatureContext } from './context';
import { citesZhProvision } from '../extraction/provisions';
import { escapeRegExp } from '../text/escapeRegExp';

/** What stands under the cursor in a draft. */
export type Target =
  | { readonly kind: 'citation'; readonly span: Span; readonly key: string; readonly locator?: Locator; readonly sources: readonly SourceDoc[] }
  | { readonly kind: 'quote'; readonly span: Span; readonly finding: Finding };

/** The citation, footnote reference or quotation at `offset`, resolved against the library. */
export function targetAt(ctx: FeatureContext, text: string, offset: number): Target | undefined {
  const citations = findCitations(text);
  const citation = citations.find((c) => c.start <= offset && offset <= c.end && (offset <= c.keySpan.end || c.end - c.start < 200));
  if (citation) return citationTarget(ctx, citation, pickInGroup(citations, citation, offset));
  const footnote = footnoteAt(ctx, text, offset);
  if (footnote) return footnote;
  const quote = findDraftQuotes(text).find((q) => q.span.start <= offset && offset <= q.span.end);
  return quote ? { kind: 'quote', span: quote.span, finding: checkQuote(ctx.library, quote) } : undefined;
}

/** In `[@a, para. 1; @b, para. 2]` the cursor picks the item it is in. */
function pickInGroup(all: readonly CitationRef[], hit: CitationRef, offset: number): CitationRef {
  const group = all.filter((c) => c.start === hit.start && c.end === hit.end);
  let chosen = group[0];
  for (const c of group) if (c.keySpan.start - 1 <= offset) chosen = c;
  return chosen;
}

function citationTarget(ctx: FeatureContext, ref: CitationRef, chosen: CitationRef): Target {
  return { kind: 'citation', span: { start: ref.start, end: ref.end }, key: chosen.key, locator: chosen.locator, sources: ctx.library.byKey(chosen.key) };
}

/** `[^3]` resolves through its definition: a `@key` in it, or a source whose URL or title it names. */
function footnoteAt(ctx: FeatureContext, text: string, offset: number): Target | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  for (const m of line.matchAll(/\[\^([^\]\s]+)\]/g)) {
    const start = lineStart + m.index!;
    const end = start + m[0].length;
    if (offset < start || offset > end) continue;
    const definition = new RegExp(`^\\[\\^${escapeRegExp(m[1])}\\]:[ \\t]*(.*)$`, 'm').exec(text);
    if (!definition) return undefined;
    const body = definition[1];
    const sources = ctx.library.sourcesNamedBy(body);
    if (sources.length === 0) return undefined;
    const locator = findCitations(body)[0]?.locator ?? findLocatorIn(body, true);
    return { kind: 'citation', span: { start, end }, key: sources[0].meta.key, locator, sources };
  }
  return undefined;
}

/**
 * The block or passage a locator points to in a source. In a PDF a paragraph is found on its
 * page, and a paragraph without a page is not found; in other sources a page is ignored.
 */
export function locate(source: SourceDoc, locator: Locator | undefined): { block?: Block; passage?: Passage } {
  if (!locator) return {};
  if (locator.kind === 'page') {
    const onPage = blocksOnPage(source, locator.page);
    return { block: onPage.find((b) => b.kind === 'paragraph') ?? onPage[0] };
  }
  if (locator.kind === 'paragraph') {
    if (source.pages === undefined) return { block: source.blocks.find((b) => b.number === locator.paragraph && b.page === undefined) };
    if (locator.page === undefined) return {};
    return { block: blocksOnPage(source, locator.page).find((b) => b.number === locator.paragraph) };
  }
  const wanted = provisionKey(locator.label);
  const passage = source.passages.find((p) => p.label !== undefined && provisionKey(p.label) === wanted)
    // 第三条, 第3条第2款, 第五条（一）: a Chinese provision cited in any of the forms in use.
    ?? source.passages.find((p) => p.label !== undefined && citesZhProvision(locator.label, p.label));
  return passage ? { passage } : {};
}

/**
 * The blocks of a PDF's page as a reader cites it: the page whose printed number it is, else
 * (where the pages show no number) the page counted from the first. Roman numerals in any case.
 */
function blocksOnPage(source: SourceDoc, page: string): Block[] {
  const wanted = page.toLowerCase();
  const printed = source.blocks.filter((b) => b.pageLabel?.toLowerCase() === wanted);
  return printed.length ? printed : source.blocks.filter((b) => b.pageLabel === undefined && b.page !== undefined && String(b.page) === wanted);
}

/** "Article 5(1)", "Art. 5 (1)" and "art. 5(1)" are one provision. */
function provisionKey(label: string): string {
  return label.toLowerCase().replace(/^(?:art(?:icle)?|sec(?:tion)?|§+)\.?/, (m) => (m.startsWith('art') ? 'art' : 'sec')).replace(/[\s.]/g, '');
}
