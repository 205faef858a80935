import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, LSPErrorCodes, ResponseError,
  TextDocuments, TextDocumentSyncKind, WatchKind, type CancellationToken, type Connection, type Diagnostic, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { closingMarkFor, completionTriggerCharacters, createVerbatimService, nextFootnoteNumber, formatCitation, locatorOf, passageByline, type IVerbatimService } from '../core';
import { auditRequest, bibliographyRequest, passagesRequest, reindexRequest, searchRequest, sourcesRequest, statusNotification, type AuditResult, type PassageItem, type StatusParams } from '../shared/protocol';
import { describePassages, describeSources, formatReport, type DraftReport } from '../core';
import { readFile } from 'node:fs/promises';
import { DraftChecker } from './draftChecker';
import { resolveSettings, settingsSection, type VerbatimSettings } from '../shared/settings';
import { messages } from '../shared/strings';
import { NodeWorkspace } from './nodeWorkspace';
import { ZoteroSetting } from '../node/zoteroSetting';
import { patternFolder } from '../shared/patterns';
import { watchFolders } from './fallbackWatcher';
import { NodeIndexStore, runningBuildId } from './nodeIndexStore';

/** Batches file events this long, so a checkout of many files reindexes once. */
const watchDebounceMs = 100;
/** The Sources view lists at most this many passages of a source, then "… N more". */
const maxPassagesPerSource = 500;
/**
 * Saves the index cache at most this often while files change (and at shutdown): a save of a
 * large library takes a few hundred milliseconds, and a cache a little behind is only checked
 * against the files at the next start.
 */
const persistDebounceMs = 30_000;
/** How often the editor hears how indexing is going, so a large library costs little to report. */
const statusIntervalMs = 1_000;
/** In between, the count alone (for the Sources view's n/m) every 25 files, at most this many times a reindex. */
const maxCounts = 100;

/**
 * Lets the connection read and handle what is waiting: the first turn of the event loop reads
 * the input (a `$/cancelRequest` cancels a running request as it is read), the second lets the
 * connection handle a queued message such as an edit. Long checks await this between slices.
 */
export const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** What a cancelled request answers, as LSP says and vscode-languageclient expects. */
const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, messages.requestCancelled);

/**
 * Wires the core to an LSP connection. Handlers find the document, return nothing if it is
 * absent, and delegate with the cancellation token; everything else lives in the core.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const checker = new DraftChecker(
    (uri) => documents.get(uri),
    (document, token) => (service.hasSource(document.uri) ? [] : service.provideDiagnosticsAsync(document, token)),
    (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    (uri, error) => connection.console.error(`checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );
  const workspace = new NodeWorkspace([]);
  const indexStore = new NodeIndexStore();
  // A Zotero library (verbatim.zotero.dataDirectory) adds its items to the workspace's sources; a commit in it reindexes.
  const zotero = new ZoteroSetting(() => void reindex());
  const service: IVerbatimService = createVerbatimService({ workspace: zotero.workspace(workspace), loadSource: zotero.load, indexStore, buildId: runningBuildId(), logger: { log: (m) => connection.console.log(m) }, yieldNow });
  let supportsConfiguration = false;
  let supportsWatchers = false;
  let supportsProgress = false;
  let supportsFolders = false;
  /** The diagnostics last published on each broken source, so only changes are sent again. */
  let publishedProblems = new Map<string, string>();
  let stopFallbackWatcher: (() => void) | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const roots = params.workspaceFolders?.map((f) => fileURLToPath(f.uri))
      ?? (params.rootUri ? [fileURLToPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    workspace.setRoots(roots);
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsProgress = params.capabilities.window?.workDoneProgress === true;
    supportsFolders = params.capabilities.workspace?.workspaceFolders === true;
    service.setSettings(resolveSettings(params.initializationOptions?.settings));
    // The editor's private storage for this workspace; without one nothing is kept between runs.
    const storagePath: unknown = params.initializationOptions?.storagePath;
    indexStore.setFolder(typeof storagePath === 'string' && storagePath ? storagePath : undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: supportsFolders } },
        // Which process answers, so an editor (and its tests) can tell a restarted server apart.
        experimental: { processId: process.pid },
      },
      serverInfo: { name: 'verbatim' },
    };
  });

  /** How far the running reindex has got, for the status. */
  let indexProgress: { done: number; total: number } | undefined;
  const statusNow = (s = service.status()): StatusParams => {
    return {
      ...s, problems: s.problems.map((p) => ({ uri: p.uri, path: p.path, message: p.message, skipped: p.skipped })),
      ...(s.indexing && indexProgress ? { progress: indexProgress } : {}),
    };
  };
  const sendStatus = (): StatusParams => {
    const s = service.status();
    const status = statusNow(s);
    void connection.sendNotification(statusNotification, status);
    // A broken source shows in the Problems panel on the file itself; each file's diagnostics
    // are sent when they change, so a library of many broken files is not sent again and again.
    const now = new Map<string, Diagnostic[]>();
    for (const p of s.problems) {
      now.set(p.uri, [...(now.get(p.uri) ?? []), {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: p.skipped ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: p.code,
        source: 'verbatim',
        message: p.message,
      }]);
    }
    for (const uri of publishedProblems.keys()) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    const sent = new Map<string, string>();
    for (const [uri, diagnostics] of now) {
      const json = JSON.stringify(diagnostics);
      sent.set(uri, json);
      if (publishedProblems.get(uri) !== json) void connection.sendDiagnostics({ uri, diagnostics });
    }
    publishedProblems = sent;
    // New or changed sources change every open draft's verdicts.
    checker.recheckAll();
    return status;
  };

  const reindex = async (): Promise<StatusParams> => {
    const progress = supportsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Verbatim: indexing sources', 0, undefined, true);
    let reported = Date.now();
    await service.reindex((done, total) => {
      // (0, 0): the cached sources are searchable, the files not yet listed.
      indexProgress = total ? { done, total } : undefined;
      const now = Date.now();
      // Let the editor see sources arrive on large libraries, not only at the end, at a pace
      // that costs little however many files there are.
      if (now - reported >= statusIntervalMs) {
        reported = now;
        if (total) progress?.report(Math.round((done / total) * 100), `${done}/${total}`);
        sendStatus();
      } else if (done === 1 || done % Math.max(25, Math.ceil(total / maxCounts)) === 0) {
        if (total) progress?.report(Math.round((done / total) * 100), `${done}/${total}`);
        // The count alone, cheaply (drafts are not rechecked), so the Sources view shows n/m.
        void connection.sendNotification(statusNotification, statusNow());
      }
    }, progress?.token);
    progress?.done();
    const status = sendStatus();
    void service.persistIndex();
    return status;
  };

  let persistTimer: NodeJS.Timeout | undefined;
  const schedulePersist = (): void => {
    if (persistTimer) return;
    persistTimer = setTimeout(() => {
      persistTimer = undefined;
      void service.persistIndex();
    }, persistDebounceMs);
  };

  const loadSettings = async (): Promise<VerbatimSettings> => {
    if (!supportsConfiguration) return service.settings;
    const raw: unknown = await connection.workspace.getConfiguration(settingsSection);
    return resolveSettings(raw);
  };

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const removed = new Set(event.removed.map((f) => path.resolve(fileURLToPath(f.uri))));
        workspace.setRoots([...workspace.roots.filter((r) => !removed.has(r)), ...event.added.map((f) => fileURLToPath(f.uri))]);
        await registerWatchers();
        await reindex();
      });
    }
    service.setSettings(await loadSettings());
    zotero.apply(service.settings.zoteroDataDirectory);
    await registerWatchers();
    await reindex();
  });

  const registerWatchers = async (): Promise<void> => {
    if (supportsWatchers) {
      // A deleted folder is reported as the folder alone, which the source patterns do not
      // match: deletions in and of the folders the patterns read are watched too.
      const folders = [...new Set(service.settings.sources.map(patternFolder).filter((f) => f !== undefined))];
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          ...service.settings.sources.map((globPattern) => ({ globPattern: `**/${globPattern.replace(/^\*\*\//, '')}` })),
          ...folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]).map((globPattern) => ({ globPattern, kind: WatchKind.Delete })),
        ],
      });
      return;
    }
    stopFallbackWatcher?.();
    stopFallbackWatcher = watchFolders(workspace.roots, (files) => onFilesChanged(files.map((file) => ({ file, deleted: false }))));
  };

  let pending = new Map<string, boolean>();
  let flush: NodeJS.Timeout | undefined;
  const onFilesChanged = (changes: readonly { file: string; deleted: boolean }[]): void => {
    for (const change of changes) pending.set(change.file, change.deleted);
    if (flush) clearTimeout(flush);
    flush = setTimeout(() => void applyChanges(), watchDebounceMs);
  };
  const applyChanges = async (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    for (const [file, deleted] of batch) {
      const ref = workspace.refFor(file);
      const isSource = workspace.matches(file, service.settings.sources);
      if (deleted || !isSource) {
        if (service.hasSource(ref.uri) || publishedProblems.has(ref.uri)) service.removeSource(ref.uri);
        // A deleted folder takes its sources with it: the editor reports the folder alone.
        const under = `${ref.uri}/`;
        if (deleted && !isSource) for (const uri of [...service.sources().map((s) => s.uri), ...publishedProblems.keys()]) if (uri.startsWith(under)) service.removeSource(uri);
        continue;
      }
      const exists = await workspace.readFile(ref, 0).then(() => true, () => false);
      if (exists) await service.updateSource(ref);
      else service.removeSource(ref.uri);
    }
    sendStatus();
    schedulePersist();
  };

  connection.onDidChangeWatchedFiles((params) => {
    onFilesChanged(params.changes.map((c) => ({ file: fileURLToPath(c.uri), deleted: c.type === FileChangeType.Deleted })));
  });

  connection.onDidChangeConfiguration(async () => {
    const before = service.settings;
    const next = await loadSettings();
    service.setSettings(next);
    const zoteroChanged = zotero.apply(next.zoteroDataDirectory);
    if (zoteroChanged || before.sources.join('\n') !== next.sources.join('\n') || before.maxSourceSizeKB !== next.maxSourceSizeKB) {
      await registerWatchers();
      await reindex();
    } else {
      checker.recheckAll();
    }
  });

  /**
   * Answers a request about an open document: waiting messages are read first and again at
   * the end, a cancelled request answers RequestCancelled, and an answer computed for a version
   * the writer has changed since the request arrived is replaced by `none`.
   */
  const answer = async <T>(uri: string, token: CancellationToken, none: T, compute: (document: TextDocument) => Promise<T | undefined> | T | undefined): Promise<T | ResponseError<void>> => {
    const document = documents.get(uri);
    if (!document) return none;
    const version = document.version;
    const current = (): boolean => documents.get(uri) === document && document.version === version;
    await yieldNow();
    if (token.isCancellationRequested) return cancelled();
    if (!current()) return none;
    const result = await compute(document);
    await yieldNow();
    if (token.isCancellationRequested) return cancelled();
    return result !== undefined && current() ? result : none;
  };

  connection.onCompletion((params, token) => answer(params.textDocument.uri, token, null, (document) => service.provideCompletion(document, params.position, params.context, token)));

  connection.onHover((params, token) => answer(params.textDocument.uri, token, null, (document) => service.provideHover(document, params.position, token)));

  connection.onDefinition((params, token) => answer(params.textDocument.uri, token, [], (document) => service.provideDefinition(document, params.position, token)));

  connection.onCodeAction((params, token) => answer(params.textDocument.uri, token, [], (document) => service.provideCodeActionsAsync(document, params.range, token)));

  documents.onDidChangeContent((event) => checker.schedule(event.document.uri));
  documents.onDidClose((event) => checker.forget(event.document.uri));

  connection.onRequest(auditRequest, async (token): Promise<AuditResult | ResponseError<void>> => {
    const sources = new Set(service.sources().map((s) => s.uri));
    const drafts = (await workspace.findSources(service.settings.drafts)).filter((ref) => !sources.has(ref.uri));
    const reports: DraftReport[] = [];
    for (const ref of drafts) {
      const open = documents.get(ref.uri);
      const text = open?.getText() ?? await readFile(fileURLToPath(ref.uri), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const document = open ?? TextDocument.create(ref.uri, 'markdown', 0, text);
      const findings = await service.checkDraftAsync(text, token);
      if (!findings) return cancelled();
      reports.push({ path: ref.path, text, findings });
      if (!open) void connection.sendDiagnostics({ uri: ref.uri, diagnostics: await service.provideDiagnosticsAsync(document, token) ?? [] });
    }
    if (token.isCancellationRequested) return cancelled();
    return { report: formatReport(reports, 'markdown'), drafts: reports.length, quotations: reports.reduce((n, r) => n + r.findings.length, 0) };
  });

  connection.onRequest(searchRequest, async (params, token) => {
    await yieldNow();
    return token.isCancellationRequested ? cancelled() : searchItems(service, params.query, params.limit, params.uri ? documents.get(params.uri)?.getText() : undefined);
  });

  connection.onRequest(reindexRequest, () => reindex());

  connection.onRequest(sourcesRequest, () => describeSources(service.sources(), service.status().problems));

  connection.onRequest(passagesRequest, (params) => {
    const source = service.sources().find((s) => s.uri === params.uri);
    const draft = params.draft ? documents.get(params.draft)?.getText() : undefined;
    return source ? describePassages(source, { limit: params.limit ?? maxPassagesPerSource, citationStyle: service.settings.citationStyle, footnoteNumber: draft ? nextFootnoteNumber(draft) : 1, id: params.id }) : null;
  });

  connection.onRequest(bibliographyRequest, async (token) => {
    await yieldNow();
    return token.isCancellationRequested ? cancelled() : { items: zotero.bibliography(service.sources()) };
  });

  connection.onShutdown(async () => {
    zotero.dispose();
    stopFallbackWatcher?.();
    clearTimeout(persistTimer);
    await service.persistIndex();
  });

  documents.listen(connection);
  connection.listen();
}

/** Search results formatted for the insert-quote picker. */
function searchItems(service: IVerbatimService, query: string, limit: number | undefined, draft: string | undefined): PassageItem[] {
  const footnoteNumber = draft ? nextFootnoteNumber(draft) : 1;
  return service.search(query, { limit: limit ?? service.settings.maxCompletionItems }).map(({ passage, source }) => {
    const citation = formatCitation(service.settings.citationStyle, source.meta, locatorOf(passage), footnoteNumber);
    const open = passage.marks?.open === '「' ? '「' : '“';
    const close = closingMarkFor(open);
    return {
      id: passage.id, key: passage.key, kind: passage.kind, text: passage.text,
      ...(passage.speaker ? { speaker: passage.speaker } : {}),
      byline: passageByline(passage, source),
      insertText: `${open}${passage.text}${close} ${citation.inline}`,
      ...(citation.footnote ? { footnote: citation.footnote } : {}),
    };
  });
}
