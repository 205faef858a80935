import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocuments, TextDocumentSyncKind, WatchKind, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { closingMarkFor, completionTriggerCharacters, createVerbatimService, nextFootnoteNumber, formatCitation, locatorOf, passageByline, type IVerbatimService } from '../core';
import { auditRequest, bibliographyRequest, passagesRequest, reindexRequest, searchRequest, sourcesRequest, statusNotification, type AuditResult, type PassageItem, type StatusParams } from '../shared/protocol';
import { cslBibliography } from '../core/citations/csl';
import { describePassages, describeSources, formatReport, type DraftReport } from '../core';
import { readFile } from 'node:fs/promises';
import { DraftChecker } from './draftChecker';
import { resolveSettings, settingsSection, type VerbatimSettings } from '../shared/settings';
import { NodeWorkspace } from './nodeWorkspace';
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
  const service: IVerbatimService = createVerbatimService({ workspace, indexStore, buildId: runningBuildId(), logger: { log: (m) => connection.console.log(m) } });
  let supportsConfiguration = false;
  let supportsWatchers = false;
  let supportsProgress = false;
  let supportsFolders = false;
  let publishedProblems = new Set<string>();
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
      },
      serverInfo: { name: 'verbatim' },
    };
  });

  /** How far the running reindex has got, for the status. */
  let indexProgress: { done: number; total: number } | undefined;
  const statusNow = (): StatusParams => {
    const s = service.status();
    return {
      ...s, problems: s.problems.map((p) => ({ uri: p.uri, path: p.path, message: p.message, skipped: p.skipped })),
      ...(s.indexing && indexProgress ? { progress: indexProgress } : {}),
    };
  };
  const sendStatus = (): StatusParams => {
    const s = service.status();
    const status = statusNow();
    void connection.sendNotification(statusNotification, status);
    // A broken source shows in the Problems panel on the file itself.
    const now = new Set(s.problems.map((p) => p.uri));
    for (const uri of publishedProblems) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const uri of now) {
      void connection.sendDiagnostics({
        uri,
        diagnostics: s.problems.filter((p) => p.uri === uri).map((p) => ({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: p.skipped ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          code: p.code,
          source: 'verbatim',
          message: p.message,
        })),
      });
    }
    publishedProblems = now;
    // New or changed sources change every open draft's verdicts.
    checker.recheckAll();
    return status;
  };

  const reindex = async (): Promise<StatusParams> => {
    const progress = supportsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Verbatim: indexing sources', 0, undefined, true);
    await service.reindex((done, total) => {
      indexProgress = { done, total };
      if (total) progress?.report(Math.round((done / total) * 100), `${done}/${total}`);
      // Let the editor see sources arrive on large libraries, not only at the end.
      if (done % 200 === 0) sendStatus();
      // The count alone, cheaply (drafts are not rechecked), so the Sources view shows n/m.
      else if (done === 1 || done % 25 === 0) void connection.sendNotification(statusNotification, statusNow());
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
    for (const [file, deleted] of batch) {
      const ref = workspace.refFor(file);
      const isSource = workspace.matches(file, service.settings.sources);
      if (deleted || !isSource) {
        if (service.hasSource(ref.uri) || publishedProblems.has(ref.uri)) service.removeSource(ref.uri);
        // A deleted folder takes its sources with it: the editor reports the folder alone.
        const under = `${ref.uri}/`;
        if (deleted && !isSource) for (const uri of [...service.sources().map((s) => s.uri), ...publishedProblems]) if (uri.startsWith(under)) service.removeSource(uri);
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
    if (before.sources.join('\n') !== next.sources.join('\n') || before.maxSourceSizeKB !== next.maxSourceSizeKB) {
      await registerWatchers();
      await reindex();
    } else {
      checker.recheckAll();
    }
  });

  connection.onCompletion((params, token) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.provideCompletion(document, params.position, params.context, token) : null;
  });

  connection.onHover((params, token) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.provideHover(document, params.position, token) : null;
  });

  connection.onDefinition((params, token) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.provideDefinition(document, params.position, token) : [];
  });

  connection.onCodeAction((params, token) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.provideCodeActions(document, params.range, token) : [];
  });

  documents.onDidChangeContent((event) => checker.schedule(event.document.uri));
  documents.onDidClose((event) => checker.forget(event.document.uri));

  connection.onRequest(auditRequest, async (): Promise<AuditResult> => {
    const sources = new Set(service.sources().map((s) => s.uri));
    const drafts = (await workspace.findSources(service.settings.drafts)).filter((ref) => !sources.has(ref.uri));
    const reports: DraftReport[] = [];
    for (const ref of drafts) {
      const open = documents.get(ref.uri);
      const text = open?.getText() ?? await readFile(fileURLToPath(ref.uri), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const document = open ?? TextDocument.create(ref.uri, 'markdown', 0, text);
      const findings = service.checkDraft(text) ?? [];
      reports.push({ path: ref.path, text, findings });
      if (!open) void connection.sendDiagnostics({ uri: ref.uri, diagnostics: service.provideDiagnostics(document) ?? [] });
    }
    return { report: formatReport(reports, 'markdown'), drafts: reports.length, quotations: reports.reduce((n, r) => n + r.findings.length, 0) };
  });

  connection.onRequest(searchRequest, (params) => searchItems(service, params.query, params.limit, params.uri ? documents.get(params.uri)?.getText() : undefined));

  connection.onRequest(reindexRequest, () => reindex());

  connection.onRequest(sourcesRequest, () => describeSources(service.sources(), service.status().problems));

  connection.onRequest(passagesRequest, (params) => {
    const source = service.sources().find((s) => s.uri === params.uri);
    const draft = params.draft ? documents.get(params.draft)?.getText() : undefined;
    return source ? describePassages(source, { limit: params.limit ?? maxPassagesPerSource, citationStyle: service.settings.citationStyle, footnoteNumber: draft ? nextFootnoteNumber(draft) : 1, id: params.id }) : null;
  });

  connection.onRequest(bibliographyRequest, () => ({ items: cslBibliography(service.sources()) }));

  connection.onShutdown(async () => {
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
