/** What the writer is typing, read from the editor's line without the server (no `vscode` here, so it is unit-tested). */

/** Whether a line ends inside a quotation: an opening mark with no closing mark after it. */
export function insideQuotation(line: string, openingMarks: readonly string[]): boolean {
  const closing = /[”»」』]/g;
  let lastClose = -1;
  for (const m of line.matchAll(closing)) lastClose = m.index;
  let lastOpen = -1;
  for (const mark of openingMarks) {
    if (mark === '@' || mark === '"') continue;
    lastOpen = Math.max(lastOpen, line.lastIndexOf(mark));
  }
  // A straight mark opens when an odd number of them stand on the line.
  const straight = [...line].filter((c) => c === '"').length;
  if (openingMarks.includes('"') && straight % 2 === 1) lastOpen = Math.max(lastOpen, line.lastIndexOf('"'));
  return lastOpen >= 0 && lastOpen > lastClose;
}
