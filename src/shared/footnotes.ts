/**
 * What appending a footnote's definition to a draft adds at its end: the definition on a line
 * of its own, after one blank line (none added when the draft already ends with one). The core's
 * completion and the client's insertion both append through this one rule.
 */
export function footnoteAppendText(draft: string, definition: string): string {
  const gap = draft.endsWith('\n\n') ? '' : draft.endsWith('\n') ? '\n' : '\n\n';
  return `${gap}${definition}\n`;
}
