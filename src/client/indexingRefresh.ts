import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { StatusParams } from '../shared/protocol';

/** While indexing goes on, a list that said so is asked again at most this often. */
const refreshEveryMs = 3_000;

/**
 * A completion list that ends with "Indexing sources…" was answered before the sources were
 * read. A writer who stops typing would never see the rest: VS Code asks again only on a
 * keystroke. So while the caret and the draft stay as they were when that list came, the list is
 * asked for again as indexing advances (at most every few seconds) and once when it ends, and no
 * more once an answer no longer says it is incomplete for that reason.
 */
export class IndexingRefresh {
  #waiting: { readonly uri: string; readonly version: number; readonly position: vscode.Position } | undefined;
  #lastRefresh = 0;

  /** The middleware that notes which completion lists said indexing was going on. */
  readonly middleware: Pick<Middleware, 'provideCompletionItem'> = {
    provideCompletionItem: async (document, position, context, token, next) => {
      const result = await next(document, position, context, token);
      const items = Array.isArray(result) ? result : result?.items ?? [];
      const saysIndexing = items.some((item) => (item as { data?: { indexing?: boolean } }).data?.indexing === true);
      this.#waiting = saysIndexing ? { uri: document.uri.toString(), version: document.version, position } : undefined;
      return result;
    },
  };

  /** The server's status: indexing advanced or ended. */
  onStatus(status: StatusParams, now = Date.now()): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    if (status.indexing && now - this.#lastRefresh < refreshEveryMs) return;
    const editor = vscode.window.activeTextEditor;
    const same = editor && editor.document.uri.toString() === waiting.uri && editor.document.version === waiting.version
      && editor.selection.isEmpty && editor.selection.active.isEqual(waiting.position);
    if (!same) {
      this.#waiting = undefined;
      return;
    }
    this.#lastRefresh = now;
    if (!status.indexing) this.#waiting = undefined;
    void vscode.commands.executeCommand('editor.action.triggerSuggest');
  }
}
