import type { Library } from '../library';
import { findDraftQuotes } from '../draft/draftQuotes';
import { checkQuote, type Finding } from './checkQuote';

/**
 * How many quotations of one draft are checked: far more than any article holds, few enough
 * that a draft of 50,000 quotation marks is answered in about a second (the README says so).
 */
export const maxCheckedQuotations = 1000;

/** Every quotation of a draft, checked. Uncited short terms found nowhere are left out: they are terms, not quotations. */
export function checkDraft(library: Library, text: string, isCancelled: () => boolean = () => false): Finding[] | undefined {
  const findings: Finding[] = [];
  for (const quote of findDraftQuotes(text).slice(0, maxCheckedQuotations)) {
    if (isCancelled()) return undefined;
    const finding = checkQuote(library, quote);
    const words = quote.text.split(/\s+/).filter(Boolean).length;
    if (finding.verdict === 'not-found' && !quote.citation && words <= 3) continue;
    findings.push(finding);
  }
  return findings;
}
