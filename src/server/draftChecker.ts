import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** How long typing must pause before a draft is checked again. */
const debounceMs = 250;

/**
 * Checks open drafts as the writer types without flooding: each change restarts a short timer,
 * only the latest text is checked, a check overtaken by an edit (or by a newer check of the
 * same draft) stops at its next pause, and diagnostics for a version the writer has already
 * changed are never published.
 */
export class DraftChecker {
  readonly #pending = new Map<string, NodeJS.Timeout>();
  /** The newest check of each open draft; an older one still running is stale. */
  readonly #runs = new Map<string, number>();
  readonly #open = new Set<string>();
  #lastRun = 0;

  constructor(
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly diagnose: (document: TextDocument, token: { readonly isCancellationRequested: boolean }) => Promise<Diagnostic[] | undefined> | Diagnostic[] | undefined,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void,
    private readonly onError: (uri: string, error: unknown) => void = () => undefined,
  ) {}

  /** Counts checks started, for tests of the debounce. */
  checks = 0;

  schedule(uri: string): void {
    this.#open.add(uri);
    const pending = this.#pending.get(uri);
    if (pending) clearTimeout(pending);
    this.#pending.set(uri, setTimeout(() => void this.#run(uri), debounceMs));
  }

  recheckAll(): void {
    for (const uri of this.#open) this.schedule(uri);
  }

  forget(uri: string): void {
    const pending = this.#pending.get(uri);
    if (pending) clearTimeout(pending);
    this.#pending.delete(uri);
    this.#runs.delete(uri);
    this.#open.delete(uri);
  }

  async #run(uri: string): Promise<void> {
    this.#pending.delete(uri);
    const document = this.getDocument(uri);
    if (!document) return;
    const version = document.version;
    const run = ++this.#lastRun;
    this.#runs.set(uri, run);
    const stale = (): boolean => this.#runs.get(uri) !== run || this.getDocument(uri)?.version !== version;
    this.checks++;
    let diagnostics: Diagnostic[] | undefined;
    try {
      diagnostics = await this.diagnose(document, { get isCancellationRequested() { return stale(); } });
    } catch (error) {
      // A check that fails on one draft must not take the server, and every other feature, down.
      this.onError(uri, error);
      return;
    }
    if (diagnostics && !stale()) this.publish(uri, version, diagnostics);
  }
}
