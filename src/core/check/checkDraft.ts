import type { Library } from '../library';
import { findDraftQuotes } from '../draft/draftQuotes';
import { checkQuote, type Finding } from './checkQuote';

/** Every quotation of a draft, checked. Uncited short terms found nowhere are left out: they are terms, not quotations. */
export function checkDraft(library: Library, text: string, isCancelled: () => boolean = () => false): Finding[] | undefined {
  const findings: Finding[] = [];
  for (const quote of findDraftQuotes(text)) {
    if (isCancelled()) return undefined;
    const finding = checkQuote(library, quote);
    const words = quote.text.split(/\s+/).filter(Boolean).length;
    if (finding.verdict === 'not-found' && !quote.citation && words <= 3) continue;
    findings.push(finding);
  }
  return findings;
}
