import type { Library } from '../library';
import { findDraftQuotes, type DraftQuote } from '../draft/draftQuotes';
import { checkQuote, type Finding } from './checkQuote';

/**
 * How many quotations of one draft are checked: far more than any article holds, few enough
 * that a draft of 50,000 quotation marks is answered in about a second (the README says so).
 */
export const maxCheckedQuotations = 1000;

/** Uncited short terms found nowhere are left out: they are terms, not quotations. */
function reported(finding: Finding, quote: DraftQuote): boolean {
  const words = quote.text.split(/\s+/).filter(Boolean).length;
  return !(finding.verdict === 'not-found' && !quote.citation && words <= 3);
}

/** Every quotation of a draft, checked; undefined when cancelled. */
export function checkDraft(library: Library, text: string, isCancelled: () => boolean = () => false): Finding[] | undefined {
  const findings: Finding[] = [];
  for (const quote of findDraftQuotes(text).slice(0, maxCheckedQuotations)) {
    if (isCancelled()) return undefined;
    const finding = checkQuote(library, quote);
    if (reported(finding, quote)) findings.push(finding);
  }
  return findings;
}

/**
 * The same check, one quotation at a time: `pace` is awaited between quotations (see
 * `pacer`), so the host can read a cancellation or an edit meanwhile; undefined once it says stop.
 */
export async function checkDraftPaced(library: Library, text: string, pace: () => Promise<boolean>): Promise<Finding[] | undefined> {
  if (!(await pace())) return undefined;
  const quotes = findDraftQuotes(text).slice(0, maxCheckedQuotations);
  const findings: Finding[] = [];
  for (const quote of quotes) {
    if (!(await pace())) return undefined;
    const finding = checkQuote(library, quote);
    if (reported(finding, quote)) findings.push(finding);
  }
  return findings;
}
