import { withArchive } from './archiveHits';
import type { PassageItem } from '../../shared/protocol';
import { nextFootnoteNumber } from '../citations/citations';
import type { FeatureContext } from './context';
import { passageByline } from './describe';
import { citedQuotation } from './quotation';

/**
 * The passages a query finds, as the insert-quote picker lists them: each with its byline and
 * what choosing it inserts, numbered for the draft it goes into (footnote style).
 */
export function pickerItems(ctx: FeatureContext, query: string, limit: number | undefined, draft: string | undefined): PassageItem[] {
  const settings = ctx.settings();
  const footnoteNumber = draft ? nextFootnoteNumber(draft) : 1;
  const max = limit ?? settings.maxCompletionItems;
  return withArchive(ctx, query, ctx.library.search(query, { limit: max }), max).map(({ passage, source }) => {
    const quotation = citedQuotation(passage, source, settings.citationStyle, footnoteNumber);
    return {
      id: passage.id, key: passage.key, kind: passage.kind, text: passage.text,
      ...(passage.speaker ? { speaker: passage.speaker } : {}),
      byline: passageByline(passage, source),
      insertText: quotation.text,
      ...(quotation.citation.footnote ? { footnote: quotation.citation.footnote } : {}),
    };
  });
}
