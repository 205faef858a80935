/** Verbatim's core: pure logic over ports, reachable through `createVerbatimService`. */
export { createVerbatimService } from './service';
export type { IVerbatimService, IWorkspace, ILogger, SourceRef, VerbatimInit, IndexStatus, IIndexStore } from './service';
export type { Passage, PassageKind, SourceDoc, SourceMeta, SourceProblem, Span, Block } from './model';
export type { SearchHit, SearchOptions } from './search/passageIndex';
export { completionTriggerCharacters } from './features/completion';
export { formatCitation, locatorOf, formatLocator, longDate, nextFootnoteNumber } from './citations/citations';
export { closingMarkFor } from './extraction/quoteMarks';
export { loadSource, loadSourceAsync, keyFromPath } from './sources/loadSource';
export { passageByline } from './features/describe';
export type { Finding, Verdict, Alteration } from './check/checkQuote';
export type { Edit } from './check/edited';
export { formatDiff } from './check/words';
export { describeFinding, diagnosticCodes } from './features/diagnostics';
export { formatReport, lineAndCharacter, type DraftReport } from './check/report';
export { describeSources, describePassages } from './features/sourcesTree';
export * from './zotero';
export { findCitations } from './citations/citations';
