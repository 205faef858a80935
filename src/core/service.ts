import type { CodeAction, CompletionList, Diagnostic, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { checkDraftPaced } from './check/checkDraft';
import type { Finding } from './check/checkQuote';
import { codeActionsFor } from './features/codeActions';
import { findingsToDiagnostics } from './features/diagnostics';
import { defaultSettings, type VerbatimSettings } from '../shared/settings';
import { messages } from '../shared/strings';
import { sourceProblemCodes } from '../shared/diagnosticCodes';
import type { AuditResult, BibliographyResult, PassageItem, PassagesResult, SourceNode } from '../shared/protocol';
import { Library } from './library';
import type { SourceDoc, SourceProblem } from './model';
import type { IArchiveHits, IIndexStore, ILogger, IWorkspace, SourceRef } from './ports';
import type { SearchHit, SearchOptions } from './search/passageIndex';
import { isPdfPath, loadSourceAsync, maxPdfFileBytes, type LoadResult, type SourceFile } from './sources/loadSource';
import { decodeIndex, encodeIndex, fingerprint, type CacheEntry } from './cache/indexCache';
import { cslBibliography } from './citations/csl';
import { nextFootnoteNumber } from './citations/citations';
import { completionQuery, provideCompletion, type CompletionContext } from './features/completion';
import { provideDefinition } from './features/definition';
import { provideHover } from './features/hover';
import { auditDrafts } from './features/audit';
import { applyFileChanges, type FileChange } from './features/fileChanges';
import { frontMatterEdit } from './features/frontMatterEdit';
import { pickerItems } from './features/pickerItems';
import { PublishedSourceProblems, type FileDiagnostics } from './features/sourceProblems';
import { describePassages, describeSources } from './features/sourcesTree';
import { neverCancelled, pacer, type CancellationToken, type FeatureContext, type TextDocument, type YieldNow } from './features/context';

export type { IArchiveHits, IIndexStore, ILogger, IWorkspace, SourceRef } from './ports';

/** The Sources view lists at most this many passages of a source, then "… N more". */
const maxPassagesPerSource = 500;

export interface VerbatimInit {
  readonly workspace: IWorkspace;
  readonly logger?: ILogger;
  readonly settings?: VerbatimSettings;
  /** Keeps the index between runs; without it every start reads every source. */
  readonly indexStore?: IIndexStore;
  /** Names the code that extracts passages (a hash of the build); a cache saved by other code is rebuilt. */
  readonly buildId?: string;
  /**
   * Lets the host read its messages during a long check (the language server passes one that
   * waits for its message loop); without it the `…Async` methods run straight through.
   */
  readonly yieldNow?: YieldNow;
  /** The clock that paces a long check between yields, in milliseconds (`Date.now` when absent). */
  readonly now?: () => number;
  /** Turns a source's bytes into a source; `loadSourceAsync` when absent (a Zotero library brings its own, see `zotero/sources.ts`). */
  readonly loadSource?: (file: SourceFile, maxBytes: number) => Promise<LoadResult>;
  /** A shared archive's answers, which completion joins to the workspace's (see `completionQuery`). */
  readonly archive?: IArchiveHits;
}

/** How far indexing has got. */
export interface IndexStatus {
  readonly sources: number;
  readonly passages: number;
  readonly problems: readonly SourceProblem[];
  readonly indexing: boolean;
  /** Sources answered as the index cache had them, not yet checked against their files. */
  readonly unverified: number;
}

/** Everything Verbatim does, behind one interface. */
export interface IVerbatimService {
  /**
   * Reads every source again; completion keeps answering from what is indexed meanwhile.
   * `onProgress` hears (0, 0) once the index cache's sources are searchable, before the files
   * are listed, then (files read, files listed) as they are read.
   */
  reindex(onProgress?: (done: number, total: number) => void, token?: CancellationToken): Promise<IndexStatus>;
  /** Re-reads one source (created or changed). */
  updateSource(ref: SourceRef): Promise<void>;
  removeSource(uri: string): void;
  /** Saves the index to the store if it changed since it was last saved (a no-op without a store). */
  persistIndex(): Promise<void>;
  /** Whether a file is a source under the current patterns is the host's question; this says if it is indexed. */
  hasSource(uri: string): boolean;
  setSettings(settings: VerbatimSettings): void;
  readonly settings: VerbatimSettings;
  status(): IndexStatus;
  sources(): readonly SourceDoc[];
  search(query: string, options?: SearchOptions): SearchHit[];
  provideCompletion(document: TextDocument, position: Position, context?: CompletionContext, token?: CancellationToken): CompletionList | null;
  /** The words completion would search at this position, for a host to ask its archive first; undefined where it searches nothing. */
  completionQuery(document: TextDocument, position: Position, context?: CompletionContext): string | undefined;
  provideHover(document: TextDocument, position: Position, token?: CancellationToken): Hover | null;
  provideDefinition(document: TextDocument, position: Position, token?: CancellationToken): Location[];
  /** Every quotation of a draft with its verdict, yielding to the host between quotations; undefined when cancelled. */
  checkDraft(text: string, token?: CancellationToken): Promise<Finding[] | undefined>;
  /**
   * The draft's findings as diagnostics, at the levels the settings choose; undefined when
   * cancelled or when the document changed meanwhile (its answer would describe text the
   * writer has replaced).
   */
  provideDiagnostics(document: TextDocument, token?: CancellationToken): Promise<Diagnostic[] | undefined>;
  /** Fixes for the findings under `range`; undefined when cancelled or when the document changed meanwhile. */
  provideCodeActions(document: TextDocument, range: Range, token?: CancellationToken): Promise<CodeAction[] | undefined>;
  /** Brings the index up to date with files the host saw change (see `applyFileChanges`). */
  applyFileChanges(changes: readonly FileChange[]): Promise<void>;
  /** The source files whose problems' diagnostics changed since the last call; an empty list clears a file. */
  changedSourceDiagnostics(): FileDiagnostics[];
  /**
   * Checks every draft of the workspace into a report; drafts that are not open get their
   * diagnostics through `publish`. Undefined when cancelled.
   */
  audit(openText: (uri: string) => string | undefined, publish: (uri: string, diagnostics: Diagnostic[]) => void, token?: CancellationToken): Promise<AuditResult | undefined>;
  /** The insert-quote picker's passages for a query, numbered for the draft whose text is given. */
  pickerItems(query: string, options?: { readonly limit?: number; readonly draft?: string }): PassageItem[];
  /** The Sources view's sources, broken ones included. */
  describeSources(): SourceNode[];
  /** A source's passages for the Sources view, numbered for the draft whose text is given; null when it is not indexed. */
  describePassages(uri: string, options?: { readonly limit?: number; readonly draft?: string; readonly id?: string }): PassagesResult | null;
  /** The sources as a CSL-JSON bibliography. */
  bibliography(): BibliographyResult;
  /** The edit that sets a top-level field of a draft's front matter. */
  frontMatterEdit(document: TextDocument, field: string, value: string): WorkspaceEdit;
}

/** How many drafts' findings are kept for the requests that follow a check (one per open draft is plenty). */
const maxRecentFindings = 32;

/**
 * Creates the service. Nothing is read until `reindex` is called; the first `reindex` fills the
 * library from the index cache at once, then checks every source against its file.
 */
export function createVerbatimService(init: VerbatimInit): IVerbatimService {
  const library = new Library();
  let settings = init.settings ?? defaultSettings;
  let indexing = false;
  /** Files read of files listed by the running reindex; undefined before they are listed. */
  let progress: { done: number; total: number } | undefined;
  let generation = 0;
  /** The newest reindex; an overtaken one answers with its result, never a half-built index. */
  let latest: Promise<IndexStatus> | undefined;
  const logger = init.logger ?? { log: () => undefined };
  const ctx: FeatureContext = { library, settings: () => settings, indexing: () => indexing, progress: () => (indexing ? progress : undefined), archive: init.archive };
  /** The fingerprint of the bytes each library entry was made from (entries from a failed read have none). */
  const fingerprints = new Map<string, string>();
  /** Entries restored from the cache whose files have not been read yet. */
  const unverified = new Set<string>();
  /** The restoring of the cache, begun by the first reindex; everything that reads waits for it. */
  let restoring: Promise<void> | undefined;
  /** Whether the library differs from the saved cache. */
  let dirty = false;
  let saving: Promise<void> = Promise.resolve();
  /** The code and the settings that shape extraction: a cache made under others is rebuilt. */
  const stamp = (): string => JSON.stringify({ build: init.buildId ?? '', maxSourceSizeKB: settings.maxSourceSizeKB });

  const forget = (uri: string): void => {
    fingerprints.delete(uri);
    unverified.delete(uri);
    dirty = true;
  };

  const read = async (ref: SourceRef): Promise<void> => {
    // A file read before the cache is restored would be overwritten by the older entry.
    await restoring;
    let bytes: Uint8Array;
    try {
      // A PDF's limit is on its text, measured once it is read.
      bytes = await init.workspace.readFile(ref, isPdfPath(ref.path) ? maxPdfFileBytes : settings.maxSourceSizeKB * 1024);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const outside = (error as { code?: unknown } | undefined)?.code === sourceProblemCodes.outsideWorkspace;
      forget(ref.uri);
      library.fail({ uri: ref.uri, path: ref.path, code: outside ? sourceProblemCodes.outsideWorkspace : sourceProblemCodes.unreadable, message: messages.sourceUnreadable(reason), skipped: true });
      return;
    }
    const print = fingerprint(bytes);
    unverified.delete(ref.uri);
    // Unchanged bytes under the same name give the same passages: keep what is indexed.
    const held = library.get(ref.uri) ?? library.failure(ref.uri);
    if (fingerprints.get(ref.uri) === print && held?.path === ref.path) return;
    const result = await (init.loadSource ?? loadSourceAsync)({ uri: ref.uri, path: ref.path, bytes }, settings.maxSourceSizeKB * 1024);
    fingerprints.set(ref.uri, print);
    dirty = true;
    if (result.ok) library.set(result.source);
    else {
      library.fail(result.problem);
      logger.log(`${ref.path}: ${result.problem.message}`);
    }
  };

  /** The last findings of the drafts checked most recently, by URI (oldest first). */
  const recentFindings = new Map<string, { readonly version: number; readonly revision: number; readonly findings: Finding[] }>();

  /**
   * The findings of an open document, checked at the host's pace; undefined when cancelled or
   * once the document has changed. The caller converts them at once, before the next yield.
   */
  const findingsNow = async (document: TextDocument, token: CancellationToken): Promise<Finding[] | undefined> => {
    const version = document.version;
    const revision = library.revision;
    // The editor asks for diagnostics and for quick fixes (at every move of the caret) on the
    // same version of a draft: one check serves them all until the draft or a source changes.
    const known = recentFindings.get(document.uri);
    if (known && known.version === version && known.revision === revision) return known.findings;
    const stale = (): boolean => token.isCancellationRequested || document.version !== version;
    const findings = await checkDraftPaced(library, document.getText(), pacer(init.yieldNow, stale, init.now));
    if (!findings || stale()) return undefined;
    if (library.revision === revision) {
      recentFindings.delete(document.uri);
      recentFindings.set(document.uri, { version, revision, findings });
      if (recentFindings.size > maxRecentFindings) recentFindings.delete(recentFindings.keys().next().value!);
    }
    return findings;
  };

  /** Fills the library from the index cache, once, before the first reindex reads a file. */
  const restoreCache = async (store: IIndexStore): Promise<void> => {
    const bytes = await store.load().catch(() => undefined);
    const decoded = decodeIndex(bytes, stamp());
    if (!decoded.ok) {
      if (decoded.reason !== 'missing') logger.log(messages.indexCacheUnused(decoded.reason));
      dirty = true;
      return;
    }
    for (const entry of decoded.entries) {
      if ('doc' in entry.result) library.set(entry.result.doc, entry.words);
      else library.fail(entry.result.problem);
      fingerprints.set(entry.uri, entry.fingerprint);
      unverified.add(entry.uri);
    }
  };

  const snapshot = (): CacheEntry[] => {
    const entries: CacheEntry[] = [];
    for (const [uri, print] of fingerprints) {
      const doc = library.get(uri);
      const problem = doc ? undefined : library.failure(uri);
      if (doc) entries.push({ uri, path: doc.path, fingerprint: print, result: { doc }, words: library.passageWords(uri) });
      else if (problem) entries.push({ uri, path: problem.path, fingerprint: print, result: { problem } });
    }
    return entries;
  };

  const checkText = (text: string, token: CancellationToken): Promise<Finding[] | undefined> =>
    checkDraftPaced(library, text, pacer(init.yieldNow, () => token.isCancellationRequested, init.now));
  const publishedProblems = new PublishedSourceProblems();

  const status = (): IndexStatus => ({ sources: library.size, passages: library.passageCount, problems: library.problems(), indexing, unverified: unverified.size });

  const service: IVerbatimService = {
    reindex(onProgress, token = neverCancelled) {
      const mine = ++generation;
      indexing = true;
      progress = undefined;
      const run = (async (): Promise<IndexStatus> => {
        try {
          if (init.indexStore) {
            const first = !restoring;
            // Every reindex waits for the cache, restored once.
            await (restoring ??= restoreCache(init.indexStore));
            // What the cache gave is searchable now: the host may show it before the files are listed.
            if (first) onProgress?.(0, 0);
          }
          const refs = await init.workspace.findSources(settings.sources);
          const keep = new Set(refs.map((r) => r.uri));
          library.retain(keep);
          for (const uri of [...fingerprints.keys(), ...unverified]) if (!keep.has(uri)) forget(uri);
          progress = { done: 0, total: refs.length };
          onProgress?.(0, refs.length);
          let done = 0;
          for (const ref of refs) {
            // A newer reindex (settings changed, files moved) makes this one obsolete.
            if (token.isCancellationRequested || mine !== generation) break;
            await read(ref);
            ++done;
            if (mine === generation) progress = { done, total: refs.length };
            onProgress?.(done, refs.length);
          }
        } finally {
          if (mine === generation) indexing = false;
        }
        return mine === generation || !latest ? status() : latest;
      })();
      latest = run;
      return run;
    },
    updateSource: read,
    removeSource(uri) {
      forget(uri);
      library.remove(uri);
    },
    persistIndex() {
      const store = init.indexStore;
      if (!store || !dirty) return saving;
      dirty = false;
      const bytes = encodeIndex(stamp(), snapshot());
      saving = saving.then(() => store.save(bytes)).catch((error: unknown) => {
        dirty = true;
        logger.log(messages.indexCacheNotSaved(error instanceof Error ? error.message : String(error)));
      });
      return saving;
    },
    hasSource: (uri) => library.get(uri) !== undefined,
    setSettings(next) { settings = next; },
    get settings() { return settings; },
    status,
    sources: () => library.sources(),
    search: (query, options) => library.search(query, options),
    provideCompletion: (document, position, context, token = neverCancelled) => provideCompletion(ctx, document, position, context, token),
    completionQuery: (document, position, context) => completionQuery(document, position, context),
    provideHover: (document, position, token = neverCancelled) => provideHover(ctx, document, position, token),
    provideDefinition: (document, position, token = neverCancelled) => provideDefinition(ctx, document, position, token),
    checkDraft: (text, token = neverCancelled) => checkText(text, token),
    async provideDiagnostics(document, token = neverCancelled) {
      if (!settings.checkEnabled) return [];
      const findings = await findingsNow(document, token);
      return findings && findingsToDiagnostics(document, findings, settings.checkSeverity);
    },
    async provideCodeActions(document, range, token = neverCancelled) {
      const findings = await findingsNow(document, token);
      return findings && codeActionsFor(document, findings, range, settings.citationStyle);
    },
    applyFileChanges: (changes) => applyFileChanges({
      known: (uri) => library.get(uri) !== undefined || library.failure(uri) !== undefined,
      knownUris: () => [...library.ordered().map((s) => s.uri), ...library.problems().map((p) => p.uri)],
      remove: (uri) => service.removeSource(uri),
      update: read,
      exists: (ref) => init.workspace.readFile(ref, 0).then(() => true, () => false),
    }, changes),
    changedSourceDiagnostics: () => publishedProblems.changes(library.problems()),
    audit: (openText, publish, token = neverCancelled) => auditDrafts(ctx, { workspace: init.workspace, openText, publish, check: checkText }, token),
    pickerItems: (query, options) => pickerItems(ctx, query, options?.limit, options?.draft),
    describeSources: () => describeSources(library.sources(), library.problems()),
    describePassages(uri, options) {
      const source = library.get(uri);
      return source ? describePassages(source, { limit: options?.limit ?? maxPassagesPerSource, citationStyle: settings.citationStyle, footnoteNumber: options?.draft ? nextFootnoteNumber(options.draft) : 1, id: options?.id }) : null;
    },
    bibliography: () => ({ items: cslBibliography(library.sources()) }),
    frontMatterEdit: (document, field, value) => frontMatterEdit(document, field, value),
  };
  return Object.freeze(service);
}
