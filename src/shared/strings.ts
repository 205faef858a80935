import type { PassageKind } from './protocol';

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
  archiveConnecting: 'Shared archive: set, not asked yet',
  archiveNote: (state: 'slow' | 'partial' | 'unreachable') => (state === 'slow' ? 'archive slow' : state === 'partial' ? 'archive partial' : 'archive unreachable'),
  archiveConnected: 'Shared archive: answering',
  archiveSlow: (ms: number, budget: number) => `Shared archive: slow (${ms} ms, more than the ${budget} ms budget); its passages join on the next keystroke`,
  archivePartial: (shards: readonly string[]) => `Shared archive: partial results, ${shards.map((s) => `"${s}"`).join(', ')} did not answer`,
  archiveUnreachable: (reason: string) => `Shared archive: unreachable (${reason}); completion uses the workspace's sources, and tries again in 30 s`,
  archivePasswordPrompt: 'Password of the shared archive (kept in VS Code\'s secret storage, passed to the language server as PGPASSWORD)',
  archivePasswordSaved: 'Verbatim: the archive password is saved; the language server restarts to use it.',
  archivePasswordCleared: 'Verbatim: the archive password is removed.',
  completionIndexing: (progress: { done: number; total: number } | undefined) =>
    progress && progress.total ? `Indexing sources… ${progress.done}/${progress.total}` : 'Indexing sources…',
  completionIndexingDetail: 'Verbatim: more suggestions as sources are read',
  completionNoMatch: (typed: string) => `No passage matches “${typed.length > 40 ? `${typed.slice(0, 39)}…` : typed}” yet`,
  completionNoMatchDetail: 'Verbatim: keep typing the words you remember; the list follows',
  noSources: 'No sources found. Put .md or .txt files under sources/ or change the setting verbatim.sources.',
  kindLabel: (kind: PassageKind) => ({ quote: 'quote', reported: 'reported speech', clause: 'clause', term: 'term', highlight: 'your highlight' })[kind],
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
    numberAdded: `a number added: “${clip(draft)}”`,
    numberDropped: `a number dropped: “${clip(source)}”`,
    negation: !source.trim() ? `a negation added: “${clip(draft)}”` : !draft.trim() ? `a negation dropped: “${clip(source)}”` : `a negation changed: “${clip(source)}” → “${clip(draft)}”`,
    name: `a name changed: “${clip(source)}” → “${clip(draft)}”`,
    reordered: `words reordered: “${clip(draft)}”`,
    omitted: `words dropped without an ellipsis: “${clip(source)}”`,
    added: `words added without brackets: “${clip(draft)}”`,
    replaced: `“${clip(source)}” replaced by “${clip(draft)}”`,
  } as Record<string, string>)[kind] ?? kind,
  diagEdited: (edits: string) => `Edited quotation: ${edits}.`,
  diagAltered: (changes: string) => `Altered quotation: ${changes}.`,
  diagMisattributed: (source: string, given: string, sentence?: string) => `Misattributed: the source gives these words to ${source}, not ${given}${sentence ? `: “${clip(sentence, 200)}”` : ''}.`,
  diagSpeakerUnverified: (reason: 'source' | 'writer' | 'inferred', given: string, sourceSpeaker?: string) => ({
    source: `Speaker not verified: the source does not say who said these words, so the attribution to ${given} could not be checked.`,
    writer: `Speaker not verified: “${given}” names no one Verbatim could compare with the source’s speaker; name the speaker to have it checked.`,
    inferred: `Speaker not verified: the source does not name the speaker of these words; from the quotations around them they seem to be ${sourceSpeaker ?? 'someone else'}’s, not ${given}’s.`,
  })[reason],
  diagNotFoundUnreadable: (cited: string, reason: string) => `Not found: the cited source ${cited} could not be read (${reason}), and no other source holds these words.`,
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

/** 1, 2, 3, 5 → "1–3, 5". */
function pageList(pages: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    runs.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j;
  }
  return runs.join(', ');
}

function formatKB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Sentences of the writer's toolchain features: saved web pages, the CSL-JSON bibliography. */
export const toolchainMessages = Object.freeze({
  sourceNoArticle: 'the page has no article text Verbatim could find (only navigation, scripts or markup)',
  sourceNoArticleScripted: 'the page has no text of its own: its scripts would fill it in, and Verbatim does not run them. Save the page from the browser once it has loaded (for example with SingleFile).',
  sourceNoArticleNoText: 'the page has no text at all',
  sourceNoArticleFurniture: 'the page holds only navigation, menus, forms or footers, no article text',
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
  unreadable: 'the PDF\'s text layer is not readable text on any page (a broken font encoding or failed text recognition); run text recognition (OCR) on it again',
  unreadablePages: (pages: readonly number[]) =>
    `${pages.length === 1 ? `page ${pages[0]}` : `pages ${pageList(pages)}`} of the PDF ${pages.length === 1 ? 'holds' : 'hold'} no readable text (a broken font encoding or failed text recognition) and ${pages.length === 1 ? 'was' : 'were'} left out of the index`,
  textTooLarge: (max: number) =>
    `the PDF's text is larger than the limit of ${formatKB(max)} (setting verbatim.sources.maxSizeKB, or --max-size-kb on the command line)`,
  fileTooLarge: (max: number) => `the PDF file is larger than ${formatKB(max)}, more than Verbatim reads`,
  pageLabel: (page: string) => `p. ${page}`,
  hoverOpenPdf: 'Open the PDF',
  pageParagraphLabel: (page: string, paragraph: number) => `p. ${page}, para. ${paragraph}`,
  hoverPageMissing: (page: string) => `The source has no page ${page}.`,
  hoverPageParagraphMissing: (page: string, paragraph: number) => `Page ${page} of the source has no paragraph ${paragraph}.`,
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

/** What the reports for code review and CI tools (SARIF, GitHub annotations, JUnit, GitLab) say. */
export const ciMessages = Object.freeze({
  /** Each diagnostic code's rule: a name, one line, and the help a reviewer reads beside an alert. */
  rules: Object.freeze({
    'verbatim.edited': {
      name: 'EditedQuotation',
      short: 'A quotation edited by convention (ellipsis, brackets, capital)',
      full: 'The quotation matches its source once the marked edits are undone: an ellipsis for omitted words, square brackets for inserted or changed words, a changed initial capital. Each edit is listed so an editor can confirm it keeps the meaning.',
    },
    'verbatim.altered': {
      name: 'AlteredQuotation',
      short: 'A quotation whose words differ from the source without marking',
      full: 'Words were added, dropped, replaced or reordered without an ellipsis or brackets. A changed number, negation or name is called out, and is an error by default. Restore the source\'s words, or mark the edit.',
    },
    'verbatim.misattributed': {
      name: 'MisattributedQuotation',
      short: 'A quotation given to someone other than the source gives it to',
      full: 'The words are in a source, but the draft attributes them to a different speaker than the source does. Attribute the quotation to the source\'s speaker.',
    },
    'verbatim.wrong-source': {
      name: 'QuotationInOtherSource',
      short: 'A quotation found in another source than the one cited',
      full: 'The quoted words are not in the cited source but are in another one. Cite the source that holds them.',
    },
    'verbatim.not-found': {
      name: 'QuotationNotFound',
      short: 'A quotation found in no source',
      full: 'The quoted words are in none of the sources, not even as an altered passage. Add the source, or check the quotation against the original.',
    },
    'verbatim.context': {
      name: 'QuotationBeforeQualifier',
      short: 'A quotation that stops right before a qualifier in the source',
      full: 'The source goes on with a qualifier ("unless", "except", "but only if", "provided that") right after the quoted words, which may change their meaning. Consider quoting or mentioning it.',
    },
    'verbatim.draftTooLong': {
      name: 'DraftTooLong',
      short: 'A draft too long to be checked whole',
      full: 'Quotations after the first 200,000 characters of a draft are not checked. Split the draft into shorter ones to check them all.',
    },
    'verbatim.speakerUnverified': {
      name: 'SpeakerUnverified',
      short: 'A quotation whose speaker could not be confirmed against the source',
      full: 'The words are in the source, but who said them could not be confirmed: the source names no speaker for them, only carries one over from a quotation before, or the draft names the speaker in a way (a pronoun, a description) that cannot be compared. Check the attribution against the source.',
    },
  } as Readonly<Record<string, { readonly name: string; readonly short: string; readonly full: string }>>),
  ruleUnknown: (code: string) => `Verbatim's check ${code}`,
  relatedSourcePassage: (where: string | undefined) => (where ? `the source passage (${where})` : 'the source passage'),
  quotationCase: (line: number, quote: string) => `line ${line}: “${quote}”`,
  summary: (drafts: number, quotes: number, counts: { readonly error: number; readonly warning: number; readonly note: number }) =>
    `verbatim: ${drafts} ${plural(drafts, 'draft')}, ${quotes} ${plural(quotes, 'quotation')}: ${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ${counts.note} ${plural(counts.note, 'note')}`,
  annotationsCapped: 'GitHub shows the first 10 annotations of each kind per step: every finding is listed in the step\'s log, and all of them are in the SARIF report (--format sarif).',
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

/** What the shared archive's client says when the archive itself is not as it expects. */
export const archiveMessages = Object.freeze({
  shardDown: (shard: string, cause: string) => `archive shard "${shard}" did not answer: ${cause}`,
  wordIds: (word: string, id: number, expected: number) => `this PostgreSQL server hashes words differently from Verbatim ("${word}": ${id}, expected ${expected}); the archive needs a little-endian server whose database's default collation is deterministic`,
  schemaVersion: (found: number | undefined, expected: number) => found === undefined
    ? `the archive has no schema yet: run "verbatim archive init --db URL" (schema version ${expected})`
    : found < expected
      ? `the archive's schema is at version ${found}, this Verbatim needs version ${expected}: run "verbatim archive init --db URL" (with the same --shard list) to migrate it`
      : `the archive's schema is at version ${found}, newer than this Verbatim knows (${expected}): update Verbatim`,
  unrouted: (sources: readonly string[]) => `no shard takes ${sources.map((s) => `"${s}"`).join(', ')}: the coordinator's partitions do not cover every source (nothing was written; run "verbatim archive init" again with the full --shard list)`,
});
