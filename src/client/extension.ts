import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { statusNotification } from '../shared/protocol';
import { settingsSection } from '../shared/settings';
import { messages } from '../shared/strings';
import { registerCommands } from './commands';
import { registerBibliographyCommands } from './bibliography';
import { StatusBar } from './statusBar';
import { registerSourcesView, type SourcesTreeProvider } from './sourcesView';
import { registerWalkthrough } from './walkthrough';
import { registerApplyFix, versionedCodeActions } from './versionedFixes';
import { IndexingRefresh } from './indexingRefresh';
import { watchEarlyQuotation } from './earlyQuotation';
import { offerZoteroLibrary } from './zoteroOffer';
import { applyArchivePassword, registerArchivePassword } from './archivePassword';

let client: LanguageClient | undefined;

/** What `activate` returns to other extensions (and to the tests in a real VS Code). It changes nothing. */
export interface VerbatimApi {
  /** The Sources view's tree, as VS Code asks it for items. */
  readonly sourcesTree: SourcesTreeProvider;
  /** The process of the running language server, once it has started. */
  serverProcessId(): number | undefined;
  /** Whether the client is connected to a server now. */
  serverRunning(): boolean;
  /** The message shown when the client stopped restarting a crashing server, if it did. */
  gaveUpWith(): string | undefined;
}

/** Starts the language server for Markdown and adds Verbatim's commands, status bar item, Sources view and walkthrough. */
export async function activate(context: vscode.ExtensionContext): Promise<VerbatimApi> {
  let gaveUpWith: string | undefined;
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The shared archive's password, when saved, reaches the server as PGPASSWORD (never in a
  // settings file); the command that changes it updates this environment and restarts the server.
  const env: NodeJS.ProcessEnv = { ...process.env };
  await applyArchivePassword(context, env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'], env } },
  };
  const refresh = new IndexingRefresh();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }],
    synchronize: { configurationSection: settingsSection },
    // The index is kept in VS Code's storage for this workspace, never in the workspace, and
    // not at all in Restricted Mode, where Verbatim writes no file.
    initializationOptions: {
      settings: vscode.workspace.getConfiguration(settingsSection),
      storagePath: vscode.workspace.isTrusted ? context.storageUri?.fsPath : undefined,
      // In Restricted Mode the server never connects to a shared archive.
      trusted: vscode.workspace.isTrusted,
    },
    outputChannelName: 'Verbatim',
    errorHandler: restartingErrorHandler(Date.now, (message) => { gaveUpWith = message; }),
    middleware: { provideCodeActions: versionedCodeActions, ...refresh.middleware },
  };
  client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions);
  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar, ...registerCommands(() => client));
  context.subscriptions.push(...registerBibliographyCommands(() => client));
  const sourcesView = registerSourcesView(() => client);
  context.subscriptions.push(...sourcesView.disposables, ...registerWalkthrough(context));
  context.subscriptions.push(refresh, client.onNotification(statusNotification, (status) => {
    refresh.onStatus(status);
    statusBar.update(status);
    sourcesView.onStatus(status);
  }));
  context.subscriptions.push(registerApplyFix());
  // A restart carries a new archive password, or the trust that lets the server use the archive.
  const restart = async (): Promise<void> => { await client?.restart(); };
  context.subscriptions.push(registerArchivePassword(context, env, restart), vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()));
  // Activation does not wait for the server: requests made meanwhile wait for it themselves,
  // and VS Code goes on activating other extensions.
  client.start().then(() => {
    const triggers = client?.initializeResult?.capabilities.completionProvider?.triggerCharacters ?? [];
    context.subscriptions.push(watchEarlyQuotation(triggers, refresh.onDidAsk));
  }).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`${messages.serverFailed} (${error instanceof Error ? error.message : String(error)})`);
  });
  void offerZoteroLibrary(context).catch(() => undefined);
  return {
    sourcesTree: sourcesView.provider,
    serverProcessId: () => (client?.isRunning() ? (client.initializeResult?.capabilities.experimental as { processId?: number } | undefined)?.processId : undefined),
    serverRunning: () => client?.isRunning() ?? false,
    gaveUpWith: () => gaveUpWith,
  };
}

/** How often the server may stop within `restartWindowMs` and be restarted silently. */
const maxRestarts = 4;
const restartWindowMs = 3 * 60_000;

/**
 * Restarts a server that stopped (a crash, an out-of-memory kill) without troubling the writer,
 * up to `maxRestarts` times in `restartWindowMs`; after that it stays stopped with one message,
 * rather than crashing again in a loop on the same bad input.
 */
export function restartingErrorHandler(now: () => number = Date.now, onGiveUp: (message: string) => void = () => undefined): ErrorHandler {
  const stops: number[] = [];
  return {
    // A broken message is logged by the client; the connection goes on while errors are rare.
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
    closed: () => {
      const at = now();
      while (stops.length && at - stops[0] > restartWindowMs) stops.shift();
      stops.push(at);
      if (stops.length <= maxRestarts) return { action: CloseAction.Restart, handled: true };
      onGiveUp(messages.serverFailed);
      return { action: CloseAction.DoNotRestart, message: messages.serverFailed };
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
