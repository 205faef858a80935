import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { statusNotification } from '../shared/protocol';
import { settingsSection } from '../shared/settings';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Starts the language server for Markdown and adds Verbatim's commands and status bar item. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }],
    synchronize: { configurationSection: settingsSection },
    initializationOptions: { settings: vscode.workspace.getConfiguration(settingsSection) },
    outputChannelName: 'Verbatim',
  };
  client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions);
  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar, ...registerCommands(() => client));
  context.subscriptions.push(client.onNotification(statusNotification, (status) => statusBar.update(status)));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
