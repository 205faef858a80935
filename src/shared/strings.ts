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
  indexCacheUnused: (reason: 'damaged' | 'outdated') =>
    `the saved index is ${reason === 'damaged' ? 'damaged' : 'from another version or other settings'}: reading every source again`,
  indexCacheNotSaved: (reason: string) => `the index could not be saved for the next start: ${reason}`,
  sourceOutsideWorkspace: 'it leads outside the workspace folders (through a link or ../), and Verbatim reads sources only inside them',
  duplicateKey: (key: string, other: string) => `the citation key "${key}" is also used by ${other}; citations of it are ambiguous`,
  statusIndexed: (sources: number, passages: number) => `${sources} ${plural(sources, 'source')}, ${passages} ${plural(passages, 'passage')}`,
  statusProblems: (count: number) => `${count} ${plural(count, 'problem')} with sources`,
  statusIndexing: 'Indexing sources…',
  completionIndexing: (progress: { done: number; total: number } | undefined) =>
    progress && progress.total ? `Indexing sources… ${progress.done}/${progress.total}` : 'Indexing sources…',
  completionIndexingDetail: 'Verbatim: more suggestions as sources are read',
  noSources: 'No sources found. Put .md or .txt files under sources/ or change the setting verbatim.sources.',
  kindLabel: (kind: 'quote' | 'reported' | 'clause' | 'highlight') => ({ quote: 'quote', reported: 'reported speech', clause: 'clause', highlight: 'your highlight' })[kind],
  paragraphLabel: (n: number) => `para. ${n}`,
  sourceLanguage: (tag: string, detected: boolean) => `Language: ${tag}${detected ? ' (detected)' : ''}`,
  hoverOpenSource: 'Open source at this passage',
  hoverUnknownKey: (key: string) => `No source has the citation key "${key}".`,
  hoverAmbiguousKey: (key: string) => `Several sources have the citation key "${key}".`,
  hoverParagraphMissing: (n: number) => `The source has no paragraph ${n}.`,
  saidBy: (speaker: string) => `said by ${speaker}`,
  pickerPlaceholder: 'Type words you remember from a quote or clause (typos are fine)',
  pickerNoResults: 'No passage matches these words.',
  noCitationHere: 'There is no citation under the cursor.',
  verdictLabel: (verdict: string) => ({
    verbatim: 'Verbatim: the same characters as the source.',
    normalized: 'Verbatim apart from quotation marks, dashes or spacing.',
    edited: 'Edited faithfully.',
    altered: 'Altered: the words differ from the source.',
    misattributed: 'Misattributed.',
    'wrong-source': 'From another source than the one cited.',
    'not-found': 'Not found in any source.',
  } as Record<string, string>)[verdict] ?? verdict,
  editDescription: (kind: 'omission' | 'bracket' | 'capital', draft: string, source: string) => ({
    omission: `omitted “${clip(source)}”`,
    bracket: `${draft} stands for “${clip(source)}”`,
    capital: `“${source}” capitalised as “${draft}”`,
  })[kind],
  alterationDescription: (kind: string, draft: string, source: string) => ({
    number: `a number changed: “${clip(source)}” → “${clip(draft)}”`,
    negation: `a negation changed: “${clip(source)}” → “${clip(draft)}”`,
    name: `a name changed: “${clip(source)}” → “${clip(draft)}”`,
    reordered: `words reordered: “${clip(draft)}”`,
    omitted: `words dropped without an ellipsis: “${clip(source)}”`,
    added: `words added without brackets: “${clip(draft)}”`,
    replaced: `“${clip(source)}” replaced by “${clip(draft)}”`,
  } as Record<string, string>)[kind] ?? kind,
  diagEdited: (edits: string) => `Edited quotation: ${edits}.`,
  diagAltered: (changes: string) => `Altered quotation: ${changes}.`,
  diagMisattributed: (source: string, given: string) => `Misattributed: the source gives these words to ${source}, not ${given}.`,
  diagWrongSource: (cited: string, found: string) => `Cited to ${cited}, but these words are in ${found}.`,
  diagNotFoundCited: (cited: string) => `Not found in ${cited} or in any other source.`,
  diagNotFound: 'Not found in any source.',
  diagDraftTooLong: (max: number, line: number) => `This draft is longer than the ${max.toLocaleString('en')} characters Verbatim checks: quotations from line ${line} on are not checked. Split it into shorter drafts to check them all.`,
  diagContext: (qualifier: string) => `The source goes on with “${qualifier} …”: the quotation stops before a qualifier that may change its meaning.`,
  relatedSourcePassage: 'the source passage',
  fixReplace: 'Replace with the source’s exact words',
  fixAttribute: (speaker: string) => `Attribute to ${speaker}`,
  fixCite: (citation: string) => `Add citation ${citation}`,
  fixEllipsis: 'Mark the omitted words with an ellipsis',
  auditTitle: 'Quotation audit',
  auditSummary: (drafts: number, quotes: number, problems: number) => `${drafts} ${plural(drafts, 'draft')}, ${quotes} ${plural(quotes, 'quotation')}, ${problems} to review`,
  requestCancelled: 'The request was cancelled.',
  fixOutdated: 'The draft changed after this fix was offered, so it was not applied. Ask for the fix again.',
  serverFailed: 'The Verbatim language server stopped several times in a row and was not restarted again. Reload the window to start it; the Verbatim output channel shows what went wrong.',
});

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function formatKB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Sentences of the writer's toolchain features: saved web pages, the CSL-JSON bibliography. */
export const toolchainMessages = Object.freeze({
  sourceNoArticle: 'the page has no article text Verbatim could find (only navigation, scripts or markup)',
  bibliographyWritten: (count: number, path: string) => `Verbatim: wrote ${count} ${count === 1 ? 'source' : 'sources'} to ${path}.`,
  bibliographyEmpty: 'Verbatim: there are no sources to write. Put sources under sources/ or change the setting verbatim.sources.',
  bibliographySaveLabel: 'Write Bibliography',
  bibliographyLinkAction: 'Add to Front Matter',
  bibliographyUntrusted: 'Verbatim does not write files in Restricted Mode; the bibliography is opened as an unsaved document instead.',
  bibliographyPickLabel: 'Use as Bibliography',
  bibliographyLinked: (path: string) => `Verbatim: the draft's front matter now names ${path} as its bibliography.`,
  noDraft: 'Verbatim: open a Markdown draft first.',
  duplicateKeySkipped: (key: string, path: string) => `skipped ${path}: the citation key "${key}" is already used by another source`,
});

/** Sentences about PDF sources and page locators. */
export const pdfMessages = Object.freeze({
  notPdf: 'the file is named .pdf but is not a PDF (it has no %PDF- header)',
  encrypted: 'the PDF is protected by a password; save an unprotected copy to cite it',
  damaged: (reason: string) => `the PDF could not be read (${reason}); it may be damaged or incomplete`,
  noText: 'the PDF has no text layer (it may be a scan or made of images); run text recognition (OCR) on it first',
  pageLabel: (page: number) => `p. ${page}`,
  hoverOpenPdf: 'Open the PDF',
  pageParagraphLabel: (page: number, paragraph: number) => `p. ${page}, para. ${paragraph}`,
  hoverPageMissing: (page: number) => `The source has no page ${page}.`,
  hoverPageParagraphMissing: (page: number, paragraph: number) => `Page ${page} of the source has no paragraph ${paragraph}.`,
  hoverPageNeeded: (paragraph: number) => `The source is a PDF, whose paragraphs are counted on each page: cite it as “p. 3, para. ${paragraph}” with the page.`,
});

/** Sentences of the Sources view and the walkthrough. */
export const viewMessages = Object.freeze({
  indexing: 'Indexing…',
  indexingProgress: (done: number, total: number) => `Indexing… (${done}/${total})`,
  passageCount: (n: number) => `${n} ${plural(n, 'passage')}`,
  morePassages: (n: number) => `… ${n} more ${plural(n, 'passage')}`,
  moreTooltip: 'Only the first passages of a large source are listed; search all of them with Verbatim: Insert Quote or Clause (Ctrl+Alt+Q).',
  broken: 'not indexed',
  notIndexed: 'Verbatim: this source is not indexed (any more). Reindex Sources and try again.',
  copied: (text: string) => `Verbatim: copied ${text}`,
  noDraft: 'Verbatim: open a Markdown draft to insert the passage into (a draft, not a source).',
  noFolder: 'Verbatim: open a folder first (File > Open Folder…); sources and drafts live in it.',
  untrusted: 'Verbatim does not write files in Restricted Mode. Trust the folder to add sources or create a draft.',
  sampleExists: (path: string) => `Verbatim: ${path} already exists and was left as it is.`,
  sampleAdded: (path: string) => `Verbatim: added the sample source ${path}.`,
  addSourcesLabel: 'Add as Sources',
  sourcesAdded: (n: number, folder: string) => `Verbatim: added ${n} ${plural(n, 'source')} to ${folder}.`,
  sourcesKept: (paths: string) => `Verbatim: left existing files as they are: ${paths}.`,
  draftGuide: [
    '# My first draft',
    '',
    'Type an opening quotation mark “ and a few words you remember from a source, then pick a quote from the list: Verbatim inserts it in quotation marks with its citation. Try it on the next line.',
    '',
    '',
    '',
    'Then change a word inside the quotation marks: Verbatim underlines the quotation, and the Problems view (Ctrl+Shift+M) says what differs from the source.',
    '',
  ].join('\n'),
});

/** What Verbatim says about a Zotero library used as a source library. */
export const zoteroMessages = Object.freeze({
  unreadable: (reason: string) => `the Zotero library could not be read: ${reason}`,
  libraryProblem: (code: string, reason: string) => {
    switch (code) {
      case 'verbatim.zotero.schemaNewer': return `the Zotero library is from a newer Zotero than Verbatim knows (${reason}); its items are left out until Verbatim is updated`;
      case 'verbatim.zotero.schemaOlder': return `the Zotero library is from an older Zotero than Verbatim knows (${reason}); open it once in a current Zotero to upgrade it`;
      case 'verbatim.zotero.notZotero': return `this is not a Zotero database (${reason})`;
      default: return `the Zotero library is damaged (${reason}); its items are left out`;
    }
  },
  tooLarge: (title: string, max: number) => `the attachment of "${title}" is larger than the limit of ${formatKB(max)} (setting verbatim.sources.maxSizeKB)`,
  highlightComment: (comment: string) => `Your comment: ${comment}`,
  offerDataDirectory: (dir: string) => `Verbatim found a Zotero library in ${dir}. Use its items as sources (read-only)?`,
  offerUse: 'Use it',
  offerNotNow: 'Not now',
});
