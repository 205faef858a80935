import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { StatusParams } from '../shared/protocol';

/** While indexing goes on, a list that said so is asked again at most this often. */
const refreshEveryMs = 3_000;
/** Once indexing has ended, how long to wait for VS Code to ask again before asking it once more. */
const retryAfterMs = 2_000;
/** How many times it is asked once indexing has ended, at most. */
const maxRetries = 10;

interface Waiting {
  readonly uri: string;
  readonly version: number;
  readonly position: vscode.Position;
}

/**
 * A completion list that ends with "Indexing sources…" was answered before the sources were
 * read. A writer who stops typing would never see the rest: VS Code asks again only on a
 * keystroke. So while the caret and the draft stay as they were when that list came, the list is
 * asked for again as indexing advances (at most every few seconds) and once it ends, until an
 * answer no longer says it is incomplete for that reason.
 *
 * On a busy machine VS Code may run the trigger late or fold it into another, and a cancelled
 * request comes back empty: neither says what the widget shows. So only an answer VS Code took
 * counts, and once indexing has ended the list is asked for again until such an answer arrives
 * (a few times at most, while the caret stays).
 */
export class IndexingRefresh {
  #waiting: Waiting | undefined;
  #lastRefresh = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;
  readonly #asked = new vscode.EventEmitter<void>();
  /** VS Code asked for completions (so they are registered and typing reaches them). */
  readonly onDidAsk = this.#asked.event;

  /** The middleware that notes which completion lists said indexing was going on. */
  readonly middleware: Pick<Middleware, 'provideCompletionItem'> = {
    provideCompletionItem: async (document, position, context, token, next) => {
      this.#asked.fire();
      const result = await next(document, position, context, token);
      // An answer VS Code no longer waits for says nothing about the list on screen.
      if (token.isCancellationRequested) return result;
      const items = Array.isArray(result) ? result : result?.items ?? [];
      const saysIndexing = items.some((item) => (item as { data?: { indexing?: boolean } }).data?.indexing === true);
      this.#waiting = saysIndexing ? { uri: document.uri.toString(), version: document.version, position } : undefined;
      if (!saysIndexing) this.#stopRetrying();
      return result;
    },
  };

  /** The server's status: indexing advanced or ended. */
  onStatus(status: StatusParams, now = Date.now()): void {
    if (!this.#waiting) return;
    if (status.indexing && now - this.#lastRefresh < refreshEveryMs) return;
    if (!this.#askAgain(now)) return;
    if (!status.indexing) {
      this.#retries = 0;
      this.#scheduleRetry();
    }
  }

  dispose(): void {
    this.#stopRetrying();
    this.#asked.dispose();
  }

  /** Asks VS Code for the list again if the writer is still where it was shown; false when not. */
  #askAgain(now = Date.now()): boolean {
    const waiting = this.#waiting;
    const editor = vscode.window.activeTextEditor;
    const same = waiting && editor && editor.document.uri.toString() === waiting.uri && editor.document.version === waiting.version
      && editor.selection.isEmpty && editor.selection.active.isEqual(waiting.position);
    if (!same) {
      this.#waiting = undefined;
      this.#stopRetrying();
      return false;
    }
    this.#lastRefresh = now;
    void askForSuggestions();
    return true;
  }

  #scheduleRetry(): void {
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      // Still no answer without the notice: ask again.
      if (!this.#waiting || ++this.#retries > maxRetries) return;
      if (this.#askAgain()) this.#scheduleRetry();
    }, retryAfterMs);
  }

  #stopRetrying(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
  }
}

/**
 * Opens the suggest widget, or asks its providers again if it is open: VS Code's
 * `editor.action.triggerSuggest` does nothing while the widget is visible (its precondition), so
 * the widget is closed first (`hideSuggestWidget` does nothing when it is not open).
 */
export async function askForSuggestions(): Promise<void> {
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
}
