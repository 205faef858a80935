import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, LSPErrorCodes, ResponseError,
  TextDocuments, TextDocumentSyncKind, WatchKind, type CancellationToken, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionTriggerCharacters, createVerbatimService, type IVerbatimService } from '../core';
import {
  auditRequest, bibliographyRequest, frontMatterEditRequest, passagesRequest, reindexRequest, searchRequest, sourcesRequest, statusNotification, type StatusParams,
} from '../shared/protocol';
import { DraftChecker } from './draftChecker';
import { resolveSettings, settingsSection, type VerbatimSettings } from '../shared/settings';
import { messages } from '../shared/strings';
import { patternFolder } from '../shared/patterns';
import { NodeIndexStore, NodeWorkspace, runningBuildId, watchFolders } from '../node';

/** Batches file events this long, so a checkout of many files reindexes once. */
const watchDebounceMs = 100;
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
    (document, token) => (service.hasSource(document.uri) ? [] : service.provideDiagnostics(document, token)),
    (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    (uri, error) => connection.console.error(`checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );
  const workspace = new NodeWorkspace([]);
  const indexStore = new NodeIndexStore();
  const service: IVerbatimService = createVerbatimService({ workspace, indexStore, buildId: runningBuildId(), logger: { log: (m) => connection.console.log(m) }, yieldNow });
  let supportsConfiguration = false;
  let supportsWatchers = false;
  let supportsProgress = false;
  let supportsFolders = false;
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
    for (const changed of service.changedSourceDiagnostics()) void connection.sendDiagnostics(changed);
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
    await service.applyFileChanges([...batch].map(([file, deleted]) => ({ ref: workspace.refFor(file), deleted, isSource: workspace.matches(file, service.settings.sources) })));
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
    if (before.sources.join('\n') !== next.sources.join('\n') || before.maxSourceSizeKB !== next.maxSourceSizeKB) {
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

  connection.onCodeAction((params, token) => answer(params.textDocument.uri, token, [], (document) => service.provideCodeActions(document, params.range, token)));

  documents.onDidChangeContent((event) => checker.schedule(event.document.uri));
  documents.onDidClose((event) => checker.forget(event.document.uri));

  connection.onRequest(auditRequest, async (token) => {
    const result = await service.audit((uri) => documents.get(uri)?.getText(), (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }), token);
    return result ?? cancelled();
  });

  connection.onRequest(searchRequest, async (params, token) => {
    await yieldNow();
    return token.isCancellationRequested ? cancelled() : service.pickerItems(params.query, { limit: params.limit, draft: params.uri ? documents.get(params.uri)?.getText() : undefined });
  });

  connection.onRequest(reindexRequest, () => reindex());

  connection.onRequest(sourcesRequest, () => service.describeSources());

  connection.onRequest(passagesRequest, (params) => service.describePassages(params.uri, { limit: params.limit, id: params.id, draft: params.draft ? documents.get(params.draft)?.getText() : undefined }));

  connection.onRequest(bibliographyRequest, async (token) => {
    await yieldNow();
    return token.isCancellationRequested ? cancelled() : service.bibliography();
  });

  connection.onRequest(frontMatterEditRequest, (params, token) => answer(params.uri, token, null, (document) => service.frontMatterEdit(document, params.field, params.value)));

  connection.onShutdown(async () => {
    stopFallbackWatcher?.();
    clearTimeout(persistTimer);
    await service.persistIndex();
  });

  documents.listen(connection);
  connection.listen();
}
