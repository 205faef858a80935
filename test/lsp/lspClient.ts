import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, InitializeRequest, InitializedNotification, RegistrationRequest,
  StreamMessageReader, StreamMessageWriter, WorkDoneProgress, WorkDoneProgressCreateRequest, ShutdownRequest, ExitNotification,
  type ClientCapabilities, type ProtocolConnection, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { statusNotification, type StatusParams } from '../../src/shared/protocol';

/** The repository's CLI bundle, built by `npm run build`. */
export const cliPath = path.resolve(__dirname, '../../../dist/cli.js');
/** The server bundle the extension starts. */
export const serverPath = path.resolve(__dirname, '../../../dist/server.js');

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Every status the server sent, in order. */
  readonly statuses: StatusParams[];
  /** Resolves with the first status (already received or still to come) that satisfies `test`. */
  waitForStatus(test: (s: StatusParams) => boolean, what: string, deadlineMs?: number): Promise<StatusParams>;
  registrations: string[];
  /** The options of every registration, in order (the file watchers asked for, for one). */
  registrationOptions: unknown[];
  /** Every work-done progress report the server sent, in order. */
  readonly progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[];
  stop(): Promise<void>;
}

/**
 * Starts `verbatim lsp --stdio` (or the extension's server bundle, with `bundle: 'server'`) on a
 * workspace folder and drives it with the LSP libraries' own client connection, as an editor would.
 */
export async function startTestServer(folder: string, capabilities: ClientCapabilities, settings: object = {}, bundle: 'cli' | 'server' = 'cli', initializationOptions?: object): Promise<TestServer> {
  const command = bundle === 'cli' ? [cliPath, 'lsp', '--stdio'] : [serverPath, '--stdio'];
  const child = spawn(process.execPath, command, { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const statuses: StatusParams[] = [];
  const waiters: { test: (s: StatusParams) => boolean; resolve: (s: StatusParams) => void }[] = [];
  const registrations: string[] = [];
  const registrationOptions: unknown[] = [];
  connection.onNotification(statusNotification, (status) => {
    statuses.push(status);
    for (const w of [...waiters]) if (w.test(status)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(status); }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
  connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations.map((r) => r.method));
    registrationOptions.push(...params.registrations.map((r) => r.registerOptions));
  });
  const progress: TestServer['progress'] = [];
  connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
    connection.onProgress(WorkDoneProgress.type, params.token, (value) => { progress.push(value); });
  });
  connection.listen();
  const uri = pathToFileURL(folder).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: path.basename(folder) }], capabilities, initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection, process: child, statuses, registrations, registrationOptions, progress,
    waitForStatus(test, what, deadlineMs = 10_000) {
      const seen = statuses.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        // A deadline, not a delay: the test fails with a reason instead of hanging.
        const timer = setTimeout(() => reject(new Error(`no status ${what} within ${deadlineMs} ms; last: ${JSON.stringify(statuses.at(-1))}`)), deadlineMs);
        waiters.push({ test, resolve: (s) => { clearTimeout(timer); resolve(s); } });
      });
    },
    async stop() {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      connection.dispose();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** What VS Code says it can do, in the parts that matter to Verbatim. */
export const editorCapabilities: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  window: { workDoneProgress: true },
  textDocument: {
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
  },
};
