import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import { DraftChecker } from '../../../src/server/draftChecker';

/** A check the test finishes by hand, so an edit can land while it runs. */
interface RunningCheck {
  readonly version: number;
  readonly token: { readonly isCancellationRequested: boolean };
  finish(diagnostics: Diagnostic[] | undefined): void;
}

/** One turn of the event loop: what a finished check does next has happened by then. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const diagnostic = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message });

describe('checking drafts while the writer edits them', () => {
  const uri = 'file:///drafts/a.md';
  let document: TextDocument;
  let checker: DraftChecker;
  let published: { version: number; diagnostics: Diagnostic[] }[];
  let started: RunningCheck[];
  let onStart: (() => void) | undefined;

  /** The next check to start (waits for the debounce, an event rather than a delay). */
  const nextCheck = (): Promise<RunningCheck> => {
    const before = started.length;
    return new Promise((resolve) => {
      onStart = () => { if (started.length > before) resolve(started[before]); };
      onStart();
    });
  };
  const edit = (text: string): void => {
    document = TextDocument.update(document, [{ text }], document.version + 1);
    checker.schedule(uri);
  };

  beforeEach(() => {
    document = TextDocument.create(uri, 'markdown', 1, 'first');
    published = [];
    started = [];
    checker = new DraftChecker(
      (u) => (u === uri ? document : undefined),
      (doc, token) => new Promise<Diagnostic[] | undefined>((resolve) => {
        started.push({ version: doc.version, token, finish: resolve });
        onStart?.();
      }),
      (_uri, version, diagnostics) => published.push({ version, diagnostics }),
    );
  });

  afterEach(() => checker.forget(uri));

  it('never publishes diagnostics of a version the writer has already changed', async () => {
    checker.schedule(uri);
    const first = await nextCheck();
    assert.equal(first.version, 1);
    edit('second');
    assert.equal(first.token.isCancellationRequested, true, 'the running check is told to stop');
    // A check that ignores the token and answers anyway is still not published.
    first.finish([diagnostic('for the first text')]);
    const second = await nextCheck();
    assert.equal(second.version, 2);
    second.finish([diagnostic('for the second text')]);
    await settled();
    assert.deepEqual(published, [{ version: 2, diagnostics: [diagnostic('for the second text')] }]);
  });

  it('lets a newer check of the same text overtake an older one', async () => {
    checker.schedule(uri);
    const first = await nextCheck();
    // The sources changed: every open draft is checked again, with the same text.
    checker.recheckAll();
    const second = await nextCheck();
    assert.equal(first.token.isCancellationRequested, true);
    second.finish([diagnostic('against the new sources')]);
    first.finish([diagnostic('against the old sources')]);
    await settled();
    assert.deepEqual(published.map((p) => p.diagnostics[0].message), ['against the new sources']);
  });

  it('publishes nothing for a draft closed during its check', async () => {
    checker.schedule(uri);
    const first = await nextCheck();
    checker.forget(uri);
    first.finish([diagnostic('for a closed draft')]);
    await settled();
    assert.deepEqual(published, []);
  });
});
