import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionTriggerCharacters, createVerbatimService, findDraftQuotes, type IVerbatimService } from '../core';
import { diagnosticCodes } from '../shared/diagnosticCodes';
import {
  auditRequest, bibliographyRequest, frontMatterEditRequest, passagesRequest, reindexRequest, searchRequest, sourcesRequest, statusNotification, type StatusParams,
} from '../shared/protocol';
import { changesIndex, resolveSettings, settingsSection, type VerbatimSettings } from '../shared/settings';
import { ArchiveSetting, NodeIndexStore, NodeWorkspace, PgArchive, runningBuildId, ZoteroSetting, zoteroItemsFileName } from '../node';
import { answerer, answerSoon, cancelled, yieldNow } from './answer';
import { DraftChecker } from './draftChecker';
import { FileWatching } from './fileWatching';

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
/** A query of the shared archive that takes longer than this is cancelled by the server: its answer would come too late for anyone. */
const archiveStatementTimeoutMs = 5_000;

/**
 * Wires the core to an LSP connection. Handlers find the document, return nothing if it is
 * absent, and delegate with the cancellation token; everything else lives in the core.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const answer = answerer(documents);
  const textOf = (uri: string | undefined): string | undefined => (uri ? documents.get(uri)?.getText() : undefined);
  const checker = new DraftChecker(
    (uri) => documents.get(uri),
    (document, token) => (service.hasSource(document.uri) ? [] : diagnose(document, token)),
    (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    (uri, error) => connection.console.error(`checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );
  const workspace = new NodeWorkspace([]);
  const indexStore = new NodeIndexStore();
  // Beside the index cache: the Zotero library's items, read again only when its database changed.
  const zoteroStore = new NodeIndexStore(undefined, undefined, zoteroItemsFileName);
  const buildId = runningBuildId();
  // A Zotero library (verbatim.zotero.dataDirectory) adds its items to the workspace's sources; a commit in it reindexes.
  const zotero = new ZoteroSetting(() => void reindex(), { store: zoteroStore, buildId });
  // A shared archive (verbatim.archive.url) joins its passages to completion's; its state shows in the status.
  const archive = new ArchiveSetting((url) => new PgArchive(url, { statementTimeoutMs: archiveStatementTimeoutMs }), () => void connection.sendNotification(statusNotification, statusNow()));
  let trusted = true;
  const service: IVerbatimService = createVerbatimService({ workspace: archive.workspace(zotero.workspace(workspace)), loadSource: zotero.load, indexStore, buildId, logger: { log: (m) => connection.console.log(m) }, yieldNow, archive });
  const watching = new FileWatching(connection, (changes) => void applyChanges(changes));
  let supportsConfiguration = false;
  let supportsWatchers = false;
  let supportsProgress = false;
  let supportsFolders = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const roots = params.workspaceFolders?.map((f) => fileURLToPath(f.uri))
      ?? (params.rootUri ? [fileURLToPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    workspace.setRoots(roots);
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsProgress = params.capabilities.window?.workDoneProgress === true;
    supportsFolders = params.capabilities.workspace?.workspaceFolders === true;
    service.setSettings(resolveSettings(params.initializationOptions?.settings));
    // VS Code says whether the workspace is trusted; in Restricted Mode the archive is never used.
    trusted = params.initializationOptions?.trusted !== false;
    // The editor's private storage for this workspace; without one nothing is kept between runs.
    const storagePath: unknown = params.initializationOptions?.storagePath;
    indexStore.setFolder(typeof storagePath === 'string' && storagePath ? storagePath : undefined);
    zoteroStore.setFolder(typeof storagePath === 'string' && storagePath ? storagePath : undefined);
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

  /**
   * A draft's diagnostics; with an archive, its quotations found in no source of the workspace
   * are then looked for there, without waiting: the archived sources that hold them are indexed
   * and every open draft is checked again (as `verbatim check --db` does in CI).
   */
  const diagnose = async (document: TextDocument, token: { readonly isCancellationRequested: boolean }): Promise<Diagnostic[] | undefined> => {
    const diagnostics = await service.provideDiagnostics(document, token);
    if (diagnostics && archive.active) {
      const missing = diagnostics.filter((d) => d.code === diagnosticCodes.notFound || d.code === diagnosticCodes.wrongSource)
        .map((d) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) }));
      const quotations = missing.length === 0 ? [] : findDraftQuotes(document.getText()).filter((q) => missing.some((m) => m.start < q.span.end && q.span.start < m.end)).map((q) => q.text);
      if (quotations.length) void archive.sourcesFor(quotations).then(async (refs) => {
        for (const ref of refs) await service.updateSource(ref);
        if (refs.length) sendStatus();
      });
    }
    return diagnostics;
  };

  /** How far the running reindex has got, for the status. */
  let indexProgress: { done: number; total: number } | undefined;
  const statusNow = (s = service.status()): StatusParams => ({
    ...s, problems: s.problems.map((p) => ({ uri: p.uri, path: p.path, message: p.message, skipped: p.skipped })),
    ...(s.indexing && indexProgress ? { progress: indexProgress } : {}),
    ...(archive.state ? { archive: archive.state } : {}),
  });
  const sendStatus = (): StatusParams => {
    const status = statusNow();
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
    persistTimer ??= setTimeout(() => {
      persistTimer = undefined;
      void service.persistIndex();
    }, persistDebounceMs);
  };

  const loadSettings = async (): Promise<VerbatimSettings> => {
    if (!supportsConfiguration) return service.settings;
    const raw: unknown = await connection.workspace.getConfiguration(settingsSection);
    return resolveSettings(raw);
  };

  const watchAndReindex = async (): Promise<void> => {
    await watching.watch(supportsWatchers, service.settings.sources, workspace.roots);
    await reindex();
  };

  const applyChanges = async (changes: readonly { file: string; deleted: boolean }[]): Promise<void> => {
    await service.applyFileChanges(changes.map(({ file, deleted }) => ({ ref: workspace.refFor(file), deleted, isSource: workspace.matches(file, service.settings.sources) })));
    sendStatus();
    schedulePersist();
  };

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const removed = new Set(event.removed.map((f) => path.resolve(fileURLToPath(f.uri))));
        workspace.setRoots([...workspace.roots.filter((r) => !removed.has(r)), ...event.added.map((f) => fileURLToPath(f.uri))]);
        await watchAndReindex();
      });
    }
    service.setSettings(await loadSettings());
    zotero.apply(service.settings.zoteroDataDirectory);
    archive.apply(service.settings, trusted);
    await watchAndReindex();
  });

  connection.onDidChangeConfiguration(async () => {
    const before = service.settings;
    service.setSettings(await loadSettings());
    const zoteroChanged = zotero.apply(service.settings.zoteroDataDirectory);
    // Archived sources held for draft checks leave with the archive they came from.
    const archivedDropped = archive.apply(service.settings, trusted);
    if (zoteroChanged || archivedDropped || changesIndex(before, service.settings)) await watchAndReindex();
    else checker.recheckAll();
  });

  connection.onCompletion(async (params, token) => {
    // The archive is asked first and waited for at most its time budget; a late answer joins on the next keystroke.
    const document = documents.get(params.textDocument.uri);
    // Without an archive, nothing to ask: the draft is not read a second time per keystroke.
    const query = archive.active && document ? service.completionQuery(document, params.position, params.context) : undefined;
    if (query && document) {
      const version = document.version;
      await archive.prefetch(query);
      // The writer typed on meanwhile: this request's position is stale, and a new one is on its way.
      if (documents.get(params.textDocument.uri)?.version !== version) return null;
    }
    return answer(params.textDocument.uri, token, null, (current) => service.provideCompletion(current, params.position, params.context, token));
  });

  connection.onHover((params, token) => answer(params.textDocument.uri, token, null, (document) => service.provideHover(document, params.position, token)));

  connection.onDefinition((params, token) => answer(params.textDocument.uri, token, [], (document) => service.provideDefinition(document, params.position, token)));

  connection.onCodeAction((params, token) => answer(params.textDocument.uri, token, [], (document) => service.provideCodeActions(document, params.range, token)));

  documents.onDidChangeContent((event) => checker.schedule(event.document.uri));
  documents.onDidClose((event) => checker.forget(event.document.uri));

  connection.onRequest(auditRequest, async (token) => {
    const result = await service.audit(textOf, (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }), token);
    return result ?? cancelled();
  });

  connection.onRequest(searchRequest, async (params, token) => {
    // The picker's words go to the archive too, waited for at most its time budget.
    if (archive.active && params.query.trim().length >= 2) await archive.prefetch(params.query.trim());
    return answerSoon(token, () => service.pickerItems(params.query, { limit: params.limit, draft: textOf(params.uri) }));
  });

  connection.onRequest(reindexRequest, () => reindex());

  connection.onRequest(sourcesRequest, () => service.describeSources());

  connection.onRequest(passagesRequest, (params) => service.describePassages(params.uri, { limit: params.limit, id: params.id, draft: textOf(params.draft) }));

  connection.onRequest(bibliographyRequest, (token) => answerSoon(token, () => ({ items: zotero.bibliography(service.sources()) })));

  connection.onRequest(frontMatterEditRequest, (params, token) => answer(params.uri, token, null, (document) => service.frontMatterEdit(document, params.field, params.value)));

  connection.onShutdown(async () => {
    watching.dispose();
    zotero.dispose();
    archive.dispose();
    clearTimeout(persistTimer);
    await service.persistIndex();
  });

  documents.listen(connection);
  connection.listen();
}
