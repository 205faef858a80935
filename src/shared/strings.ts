/**
 * Every sentence Verbatim shows a person, in one place, so wording stays consistent and can
 * be translated. Functions take the variable parts.
 */
export const messages = Object.freeze({
  sourceEmpty: 'the file is empty',
  sourceBinary: 'the file is binary (it contains NUL bytes), not text',
  sourceNotUtf8: 'the file is not valid UTF-8 text',
  sourceTooLarge: (max: number) =>
    `the file is larger than the limit of ${formatKB(max)} (setting verbatim.sources.maxSizeKB)`,
  sourceUnreadable: (reason: string) => `the file could not be read: ${reason}`,
  duplicateKey: (key: string, other: string) => `the citation key "${key}" is also used by ${other}; citations of it are ambiguous`,
  statusIndexed: (sources: number, passages: number) => `${sources} ${plural(sources, 'source')}, ${passages} ${plural(passages, 'passage')}`,
  statusProblems: (count: number) => `${count} ${plural(count, 'problem')} with sources`,
  statusIndexing: 'Indexing sources…',
  noSources: 'No sources found. Put .md or .txt files under sources/ or change the setting verbatim.sources.',
  kindLabel: (kind: 'quote' | 'reported' | 'clause') => ({ quote: 'quote', reported: 'reported speech', clause: 'clause' })[kind],
  paragraphLabel: (n: number) => `para. ${n}`,
  hoverMatchesExactly: 'Matches the source exactly.',
  hoverMatchesNormalized: 'Matches the source, apart from quotation marks, dashes or spacing.',
  hoverDiffers: 'Differs from the source. The source reads:',
  hoverNotFound: 'Not found in any source.',
  hoverOpenSource: 'Open source at this passage',
  hoverUnknownKey: (key: string) => `No source has the citation key "${key}".`,
  hoverAmbiguousKey: (key: string) => `Several sources have the citation key "${key}".`,
  hoverParagraphMissing: (n: number) => `The source has no paragraph ${n}.`,
  saidBy: (speaker: string) => `said by ${speaker}`,
  pickerPlaceholder: 'Type words you remember from a quote or clause (typos are fine)',
  pickerNoResults: 'No passage matches these words.',
  noCitationHere: 'There is no citation under the cursor.',
  serverFailed: 'The Verbatim language server stopped. Run "Verbatim: Reindex Sources" or reload the window to restart it.',
});

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function formatKB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
