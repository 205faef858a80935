import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVerbatimService, type SourceRef } from '../../../../src/core';
import { draftWithCursor, indexedService, joinLines, MemoryWorkspace, seedArticle } from '../../helpers';

const invoked = { triggerKind: 1 as const };
const typed = { triggerKind: 3 as const };

/** The draft's text after accepting `item`, as the editor would apply it. */
function accept(document: TextDocument, item: CompletionItem): string {
  const edits = [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])];
  return TextDocument.applyEdits(document, edits);
}

describe('completion', () => {
  it('offers PEN America’s quotation after “lifeline, with its speaker, outlet and date', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Critics warned the rules would “lifeline‸');
    const list = service.provideCompletion(document, position, typed)!;
    const [first] = list.items;
    assert.equal(first.label, 'close the last lifeline to a free internet.');
    assert.equal(first.detail, 'PEN America · Hong Kong Free Press · 25 January 2017 · para. 7');
    assert.equal(list.isIncomplete, true);
  });

  it('keeps a long passage in the editor’s filter while the writer types its next words, before the next list arrives', async () => {
    // VS Code filters a list it holds on the first 128 characters of each item's filter text,
    // in order, without asking again at a space and the next word's first letters.
    const keptBy = (filterText: string, pattern: string): boolean => {
      let i = 0;
      for (const ch of filterText.slice(0, 128).toLowerCase()) if (ch === pattern[i]) i++;
      return i === pattern.length;
    };
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Operators must “oversea‸');
    const item = service.provideCompletion(document, position, typed)!.items.find((i) => String(i.label).startsWith('focus on creating user files'))!;
    assert.ok(item, 'the para. 9 passage is offered for “oversea');
    for (const next of ['overseas', 'overseas ', 'overseas d', 'overseas data', 'overseas data centres']) assert.ok(keptBy(item.filterText!, next), `${next} in ${item.filterText}`);
    assert.ok(item.filterText!.startsWith('oversea '));
  });

  it('joins a shared archive’s passages for the words typed, after better workspace ones, and says which words it searched', async () => {
    const archived = 'a lifeline for reporters whose sources are abroad';
    const asked: string[] = [];
    const archive = {
      hits(query: string) {
        asked.push(query);
        const source = { uri: 'verbatim-archive:wire-2024-07', path: 'wire/2024-07.md', meta: { key: 'wire-2024-07', outlet: 'Wire' }, text: '', bodyStart: 0, blocks: [], passages: [] };
        const passage = { id: 'wire-2024-07#q1', key: 'wire-2024-07', kind: 'quote' as const, text: archived, start: 0, end: archived.length, paragraph: 3, sentence: { start: 0, end: archived.length }, speaker: 'Ann Lee', speakerMention: null };
        return [{ passage, source, score: 0.5 }];
      },
    };
    const service = createVerbatimService({ workspace: new MemoryWorkspace({ 'sources/hkfp-2017-vpn.md': seedArticle }), archive });
    await service.reindex();
    const { document, position } = draftWithCursor('Critics warned the rules would “lifeline‸');
    assert.equal(service.completionQuery(document, position, typed), 'lifeline');
    const items = service.provideCompletion(document, position, typed)!.items;
    assert.deepEqual(asked, ['lifeline']);
    assert.equal(items[0].label, 'close the last lifeline to a free internet.', 'the workspace’s better match first');
    const joined = items.find((i) => i.label === archived);
    assert.ok(joined, 'the archive’s passage is offered');
    assert.equal(accept(document, joined), `Critics warned the rules would “${archived}” [@wire-2024-07, para. 3]`);
    assert.equal(service.completionQuery(draftWithCursor('See [@hkfp‸').document, draftWithCursor('See [@hkfp‸').position, typed), undefined, 'a citation key searches no passage');
  });

  it('inserts the exact passage, the closing mark and the citation', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Critics warned the rules would “lifel‸');
    const [first] = service.provideCompletion(document, position, typed)!.items;
    assert.equal(accept(document, first), 'Critics warned the rules would “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]');
  });

  it('keeps the editor’s filter from hiding the server’s matches', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('“lifline fre‸');
    const items = service.provideCompletion(document, position, typed)!.items;
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.ok(item.filterText!.startsWith('lifline fre '), item.filterText);
      assert.deepEqual((item.textEdit as TextEdit).range.start, { line: 0, character: 1 });
    }
    assert.deepEqual(items.map((i) => i.sortText), [...items.map((i) => i.sortText)].sort());
  });

  it('replaces a closing mark the editor added automatically', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('They said "lifeline‸" today.');
    const [first] = service.provideCompletion(document, position, typed)!.items;
    assert.equal(accept(document, first), 'They said "close the last lifeline to a free internet." [@hkfp-2017-vpn, para. 7] today.');
  });

  it('offers the sources’ quotations right after the opening mark, before any word', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('As critics put it, “‸');
    const list = service.provideCompletion(document, position, { triggerKind: 2, triggerCharacter: '“' })!;
    assert.ok(list.items.some((i) => i.label === 'close the last lifeline to a free internet.'));
    assert.equal(list.isIncomplete, true);
  });

  it('lets the editor keep a long quotation offered at the opening mark by a word far into it', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('The rules stated that operators should “‸');
    const list = service.provideCompletion(document, position, { triggerKind: 2, triggerCharacter: '“' })!;
    const item = list.items.find((i) => /^focus on creating user files/.test(String(i.label)))!;
    // The editor filters a list it holds on the first 128 characters of each item's filter text.
    assert.match(String(item.filterText).slice(0, 128), /overseas/);
    assert.ok(String(item.filterText).indexOf('focus on creating') < 20, 'the passage’s start comes first');
  });

  it('answers words that match nothing yet with one item that leaves them as typed, never an empty list', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Critics said “zqxj‸');
    const list = service.provideCompletion(document, position, typed)!;
    assert.equal(list.isIncomplete, true);
    assert.equal(list.items.length, 1);
    assert.match(String(list.items[0].label), /No passage matches “zqxj” yet/);
    assert.equal(accept(document, list.items[0]), 'Critics said “zqxj');
  });

  it('offers nothing outside a quotation unless asked', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('A closed “quote” then lifeline‸');
    assert.equal(service.provideCompletion(document, position, typed), null);
  });

  it('inserts a whole cited quotation at the cursor when invoked by hand', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('PEN America called it an attempt to close the last lifeline‸');
    const [first] = service.provideCompletion(document, position, invoked)!.items;
    assert.equal(accept(document, first), 'PEN America called it an attempt to close the last lifeline “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]');
  });

  it('completes citation keys after [@', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle, 'sources/other.md': 'Nothing quoted here at all.' });
    const { document, position } = draftWithCursor('As reported [@hk‸');
    const items = service.provideCompletion(document, position, typed)!.items;
    assert.deepEqual(items.map((i) => i.label).sort(), ['hkfp-2017-vpn', 'other']);
    const hkfp = items.find((i) => i.label === 'hkfp-2017-vpn')!;
    assert.equal(accept(document, hkfp), 'As reported [@hkfp-2017-vpn');
    assert.equal(hkfp.detail, 'Hong Kong Free Press · 25 January 2017');
  });

  it('offers the citation keys of a large library a bounded list at a time, filtered by what is typed', async () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `note-${i}`);
    const service = await indexedService(Object.fromEntries(keys.map((key, i) => [`sources/${key}.md`, `“Item ${i} is ready,” said the clerk.`])));
    const typedKey = draftWithCursor('As reported [@note-11‸');
    const list = service.provideCompletion(typedKey.document, typedKey.position, typed)!;
    assert.equal(list.isIncomplete, true, 'the editor asks again as the writer types');
    assert.deepEqual(list.items.map((i) => i.label).sort(), keys.filter((k) => k.startsWith('note-11')).sort());
    const nothingTyped = draftWithCursor('As reported [@‸');
    assert.equal(service.provideCompletion(nothingTyped.document, nothingTyped.position, typed)!.items.length, 500);
  });

  it('adds a footnote definition at the end of the draft in the footnote style', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle }, { citationStyle: 'footnote' });
    const { document, position } = draftWithCursor(joinLines('Earlier note.[^1] Critics: “lifeline‸', '', '[^1]: An earlier note.', ''));
    const [first] = service.provideCompletion(document, position, typed)!.items;
    const result = accept(document, first);
    assert.match(result, /“close the last lifeline to a free internet\.” \[\^2\]/);
    assert.match(result, /\n\[\^1\]: An earlier note\.\n\n\[\^2\]: Catherine Lai, .*Hong Kong Free Press, 25 January 2017, para\. 7, https:\/\/hongkongfp\.com\/.*\[@hkfp-2017-vpn\]\n$/);
  });

  it('completes a quotation begun on the line before from the start of the cursor’s line', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('PEN America called it an attempt to “close the last\nlifeline‸');
    const [first] = service.provideCompletion(document, position, typed)!.items;
    assert.equal(first.label, 'close the last lifeline to a free internet.');
    assert.deepEqual((first.textEdit as TextEdit).range.start, { line: 1, character: 0 });
  });

  it('ignores quotation marks in an HTML comment before the cursor', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('<!-- try “lifeline or “overseas data -->\nPEN warned of “lifeline‸');
    const [first] = service.provideCompletion(document, position, typed)!.items;
    assert.deepEqual((first.textEdit as TextEdit).range.start, { line: 1, character: 15 });
  });

  it('does not open inside code', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Run `echo "lifeline‸');
    assert.equal(service.provideCompletion(document, position, typed), null);
  });

  describe('while the sources are first read', () => {
    /** A workspace whose files after the first wait until `release` is called, as a slow disk would. */
    class SlowWorkspace extends MemoryWorkspace {
      release!: () => void;
      readonly #gate = new Promise<void>((resolve) => { this.release = resolve; });
      override async readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array> {
        if (this.reads > 0) await this.#gate;
        return super.readFile(ref, maxBytes);
      }
    }
    const other = 'Officials said the harbour would reopen in spring.';

    it('keeps the list open with an "Indexing sources… n/m" item, and offers what is read so far', async () => {
      const workspace = new SlowWorkspace({ 'sources/a-hkfp.md': seedArticle, 'sources/b-harbour.md': other });
      const service = createVerbatimService({ workspace });
      let firstRead!: () => void;
      const read = new Promise<void>((resolve) => { firstRead = resolve; });
      const indexed = service.reindex((done) => { if (done === 1) firstRead(); });
      await read;
      const { document, position } = draftWithCursor('Critics warned the rules would “lifel‸');
      const list = service.provideCompletion(document, position, typed)!;
      assert.equal(list.isIncomplete, true);
      assert.equal(list.items[0].label, 'close the last lifeline to a free internet.');
      const last = list.items[list.items.length - 1];
      assert.match(String(last.label), /^Indexing sources… 1\/2$/);
      // Accepting the notice leaves the draft as the writer typed it.
      assert.equal(accept(document, last), 'Critics warned the rules would “lifel');
      assert.ok(last.filterText!.startsWith('lifel'));
      workspace.release();
      await indexed;
      const after = service.provideCompletion(document, position, typed)!.items;
      assert.ok(after.every((item) => !String(item.label).startsWith('Indexing sources')), 'no notice once every source is read');
    });

    it('answers a quotation typed before any source is read with the notice alone, never an empty list', async () => {
      const workspace = new SlowWorkspace({ 'sources/a-harbour.md': other, 'sources/b-hkfp.md': seedArticle });
      const service = createVerbatimService({ workspace });
      const indexed = service.reindex();
      const { document, position } = draftWithCursor('He said “lifel‸”');
      const list = service.provideCompletion(document, position, typed)!;
      assert.equal(list.isIncomplete, true);
      assert.equal(list.items.length, 1);
      assert.match(String(list.items[0].label), /^Indexing sources…/);
      // The closing mark the editor added stays where it was.
      assert.equal(accept(document, list.items[0]), 'He said “lifel”');
      workspace.release();
      await indexed;
      assert.equal(service.provideCompletion(document, position, typed)!.items[0].label, 'close the last lifeline to a free internet.');
    });
  });
});
