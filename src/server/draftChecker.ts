import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** How long typing must pause before a draft is checked again. */
const debounceMs = 250;

interface Pending {
  timer: NodeJS.Timeout;
}

/**
 * Checks open drafts as the writer types without flooding: each change restarts a short timer,
 * only the latest text is checked, and diagnostics computed for a version the writer has
 * already changed are dropped.
 */
export class DraftChecker {
  readonly #pending = new Map<string, Pending>();
  readonly #open = new Set<string>();

  constructor(
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly diagnose: (document: TextDocument, token: { readonly isCancellationRequested: boolean }) => Diagnostic[] | undefined,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void,
    private readonly onError: (uri: string, error: unknown) => void = () => undefined,
  ) {}

  /** Counts checks run, for tests of the debounce. */
  checks = 0;

  schedule(uri: string): void {
    this.#open.add(uri);
    const pending = this.#pending.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.#pending.set(uri, { timer: setTimeout(() => this.#run(uri), debounceMs) });
  }

  recheckAll(): void {
    for (const uri of this.#open) this.schedule(uri);
  }

  forget(uri: string): void {
    const pending = this.#pending.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(uri);
    this.#open.delete(uri);
  }

  #run(uri: string): void {
    this.#pending.delete(uri);
    const document = this.getDocument(uri);
    if (!document) return;
    const version = document.version;
    // A newer edit arriving while this runs makes the result stale; the check stops early.
    const token = { get isCancellationRequested() { return this.stale(); }, stale: () => this.getDocument(uri)?.version !== version };
    this.checks++;
    let diagnostics: Diagnostic[] | undefined;
    try {
      diagnostics = this.diagnose(document, token);
    } catch (error) {
      // A check that fails on one draft must not take the server, and every other feature, down.
      this.onError(uri, error);
      return;
    }
    if (diagnostics && this.getDocument(uri)?.version === version) this.publish(uri, version, diagnostics);
  }
}
