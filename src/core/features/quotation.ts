import type { CitationStyle } from '../../shared/settings';
import { formatCitation, locatorOf, type FormattedCitation } from '../citations/citations';
import { closingMarkFor } from '../extraction/quoteMarks';
import type { Passage, SourceDoc } from '../model';
import { ruleFamily, writtenWithoutSpaces } from '../text/language';

/** A passage as it goes into a draft: in quotation marks, followed by its citation. */
export interface CitedQuotation {
  /** The opening mark. */
  readonly open: string;
  /** Everything after the opening mark: the words, the closing mark and the citation. */
  readonly afterOpen: string;
  /** The whole insertion: `open` then `afterOpen`. */
  readonly text: string;
  /** The citation, and for footnotes the definition to append to the draft. */
  readonly citation: FormattedCitation;
}

/** The opening mark a passage is quoted with: a corner bracket for one quoted so, else a curly quote. */
export function openingMarkOf(passage: Passage): string {
  return passage.marks?.open === '「' ? '「' : '“';
}

/**
 * The one way a passage is written into a draft (completion, the insert-quote picker and the
 * Sources view): its words in marks (`open` when the writer has typed one), then its citation.
 * No-break spaces of the source would be invisible in the draft (the check treats them as
 * spaces); Chinese and Japanese put no space between a closing mark and what follows.
 */
export function citedQuotation(passage: Passage, source: SourceDoc, style: CitationStyle, footnoteNumber: number, open = openingMarkOf(passage)): CitedQuotation {
  const citation = formatCitation(style, source.meta, locatorOf(passage), footnoteNumber);
  const space = writtenWithoutSpaces(ruleFamily(source.language?.tag)) ? '' : ' ';
  const afterOpen = `${passage.text.replace(/[\u00a0\u202f]/g, ' ')}${closingMarkFor(open)}${space}${citation.inline}`;
  return { open, afterOpen, text: `${open}${afterOpen}`, citation };
}
