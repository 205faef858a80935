import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVerbatimService, type IVerbatimService } from '../../../../src/core';
import { asZoteroSource, ZoteroSources, type IZoteroDirectory, type ZoteroDatabaseBytes } from '../../../../src/core/zotero/sources';
import type { ZoteroAnnotation } from '../../../../src/core/zotero/library';
import type { Block, Passage, SourceDoc } from '../../../../src/core/model';
import { defaultSettings } from '../../../../src/shared/settings';
import { draftWithCursor, MemoryIndexStore, MemoryWorkspace } from '../../helpers';
import { zoteroFixtures } from './fixtures';

/** A data directory in memory: relative paths to bytes. Fake, not mock: it behaves like the folder. */
class MemoryZoteroDirectory implements IZoteroDirectory {
  readonly files = new Map<string, Uint8Array>();
  reads: string[] = [];
  edits = 0;
  databaseReads = 0;

  constructor(folder: string) {
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else this.files.set(path.relative(folder, full).split(path.sep).join('/'), new Uint8Array(readFileSync(full)));
      }
    };
    walk(folder);
  }

  async databaseStamp(): Promise<string> {
    if (!this.files.has('zotero.sqlite')) throw new Error('zotero.sqlite does not exist');
    return `${this.edits}`;
  }

  async readDatabase(): Promise<ZoteroDatabaseBytes> {
    this.databaseReads++;
    const database = this.files.get('zotero.sqlite');
    if (!database) throw new Error('zotero.sqlite does not exist');
    const wal = this.files.get('zotero.sqlite-wal');
    const betterBibtex = this.files.get('better-bibtex.sqlite');
    return { database, ...(wal ? { wal } : {}), ...(betterBibtex ? { betterBibtex } : {}) };
  }

  async stats(files: readonly string[]) {
    return files.map((file) => {
      const bytes = this.files.get(file);
      return bytes ? { size: bytes.length, modified: this.edits } : undefined;
    });
  }

  async read(file: string): Promise<Uint8Array> {
    this.reads.push(file);
    const bytes = this.files.get(file);
    if (!bytes) throw new Error(`${file} does not exist`);
    return bytes;
  }

  uri(file: string): string {
    return `file:///home/writer/Zotero/${file}`;
  }
}

async function zoteroService(dir: MemoryZoteroDirectory, files: Record<string, string> = {}, store?: MemoryIndexStore): Promise<IVerbatimService> {
  const zotero = new ZoteroSources(dir);
  const service = createVerbatimService({ workspace: zotero.workspace(new MemoryWorkspace(files)), loadSource: zotero.load, settings: defaultSettings, ...(store ? { indexStore: store } : {}) });
  await service.reindex();
  return service;
}

const library = (): MemoryZoteroDirectory => new MemoryZoteroDirectory(path.join(zoteroFixtures, 'library'));

describe('a Zotero library as sources', function () {
  // The first PDF loads pdf.js, a few megabytes of JavaScript: slow on a busy machine.
  this.timeout(30_000);
  let service: IVerbatimService;
  before(async () => {
    service = await zoteroService(library());
  });

  it('makes one source of each item with a readable attachment, under its citation key, with Zotero’s metadata', () => {
    assert.deepEqual(service.sources().map((s) => [s.meta.key, s.path]), [
      ['trustVCouncil2020', 'zotero/CASEATT1/.zotero-ft-cache'],
      ['harbourPolicy2024', 'zotero/POLATT01/open-data-policy.pdf'],
      ['hopperTidesHarbour2019', 'zotero/TIDEATT1/.zotero-ft-cache'],
      ['hopperTidesHarbour2019a', 'zotero/TIDEATT2/.zotero-ft-cache'],
      ['harbourWall2023', 'zotero/WEBATT01/snapshot.html'],
    ]);
    const policy = service.sources().find((s) => s.meta.key === 'harbourPolicy2024')!;
    assert.deepEqual(policy.meta, { key: 'harbourPolicy2024', title: 'Open Data Policy', author: 'Ada Lovelace', outlet: 'Harbourside Gazette', date: '2024-03-12', url: 'https://example.org/open-data-policy', language: 'en' });
    assert.equal(policy.uri, 'file:///home/writer/Zotero/storage/POLATT01/open-data-policy.pdf');
    assert.ok(policy.passages.every((p) => p.key === 'harbourPolicy2024' && p.id.startsWith('harbourPolicy2024#')));
    assert.deepEqual(service.status().problems, []);
  });

  it('reads Zotero’s extracted text when the attachment’s file is missing', () => {
    assert.match(service.sources().find((s) => s.meta.key === 'hopperTidesHarbour2019')!.text, /sea level at the harbour rose by four centimetres/);
  });

  it('makes the user’s highlights passages of their own, with the source’s exact text even where Zotero misread it', () => {
    const highlights = service.sources().flatMap((s) => s.passages).filter((p) => p.kind === 'highlight');
    assert.deepEqual(highlights.map((h) => [h.text, h.pageLabel, h.comment]), [
      ['The council shall publish a register of the datasets it holds within six months of the adoption of this policy.', '12', 'The six-month deadline'],
      ['Datasets shall be released under an open licence unless one of the following applies:', '13', undefined],
    ]);
  });

  it('numbers a PDF’s pages as printed by the labels of its highlights, or by the item’s page range', () => {
    const block = (page: number, start: number): Block => ({ kind: 'paragraph', number: 1, page, start, end: start + 4 });
    const passage = (page: number, start: number): Passage => ({ id: `k#c-${page}`, key: 'k', kind: 'clause', text: 'Text', start, end: start + 4, speakerMention: null, paragraph: 1, page, sentence: { start, end: start + 4 } });
    const doc: SourceDoc = { uri: 'u', path: 'p.pdf', meta: { key: 'k' }, text: 'Text\n\nText\n\nText', bodyStart: 0, pages: 3, blocks: [block(1, 0), block(2, 6), block(3, 12)], passages: [passage(1, 0), passage(2, 6), passage(3, 12)] };
    const annotation = (pageIndex: number, pageLabel: string): ZoteroAnnotation => ({ key: `A${pageIndex}`, type: 1, text: 'Text', comment: '', pageLabel, pageIndex });
    const labels = (d: SourceDoc): (string | undefined)[] => d.passages.filter((p) => p.kind === 'clause').map((p) => p.pageLabel);
    assert.deepEqual(labels(asZoteroSource(doc, 'p', { key: 'k' }, [annotation(1, '212')])), ['211', '212', '213']);
    assert.deepEqual(labels(asZoteroSource(doc, 'p', { key: 'k' }, [], '211-213')), ['211', '212', '213']);
    assert.deepEqual(labels(asZoteroSource(doc, 'p', { key: 'k' }, [], '211-240')), [undefined, undefined, undefined], 'a range that is not the PDF’s pages');
    assert.deepEqual(labels(asZoteroSource(doc, 'p', { key: 'k' }, [annotation(0, '12'), annotation(0, '13')])), [undefined, undefined, undefined], 'labels that disagree');
  });

  it('offers a highlighted quotation first from four remembered words, cited with the printed page', () => {
    const { document, position } = draftWithCursor('The policy says “register datasets six months‸');
    const [first] = service.provideCompletion(document, position, { triggerKind: 3 })!.items as CompletionItem[];
    assert.equal(TextDocument.applyEdits(document, [first.textEdit as TextEdit]),
      'The policy says “The council shall publish a register of the datasets it holds within six months of the adoption of this policy.” [@harbourPolicy2024, p. 12]');
    assert.equal(service.search('register datasets six months', { limit: 1 })[0].passage.kind, 'highlight');
  });

  it('flags a draft that quotes a Zotero item wrongly, naming the item', async () => {
    const findings = (await service.checkDraft('The mayor said: “We will rebuild the harbour wall before the summer storms arrive.” [@harbourWall2023]'))!;
    assert.equal(findings.length, 1);
    assert.equal(findings[0].verdict, 'altered');
    assert.equal(findings[0].source?.meta.key, 'harbourWall2023');
    assert.equal(findings[0].source?.meta.title, 'Harbour wall to be rebuilt');
  });

  it('shows the item’s metadata on hover, with no link but its http(s) URL and the file', () => {
    const { document, position } = draftWithCursor('See [@harbourWall2023‸].');
    const hover = service.provideHover(document, position)!;
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Harbour News/);
    const links = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(links.every((l) => l.startsWith('https://news.example.org/') || l.startsWith('file:///home/writer/Zotero/storage/WEBATT01/snapshot.html')), links.join(' '));
  });
});

describe('a Zotero library that changes or cannot be read', function () {
  this.timeout(30_000);

  it('reads the committed changes in the write-ahead log when the database changes', async () => {
    const dir = library();
    const service = await zoteroService(dir);
    assert.equal(service.sources().find((s) => s.meta.key === 'harbourWall2023')?.meta.title, 'Harbour wall to be rebuilt');
    const changed = new MemoryZoteroDirectory(path.join(zoteroFixtures, 'wal'));
    dir.files.set('zotero.sqlite', changed.files.get('zotero.sqlite')!);
    dir.files.set('zotero.sqlite-wal', changed.files.get('zotero.sqlite-wal')!);
    dir.edits++;
    await service.reindex();
    assert.equal(service.sources().find((s) => s.meta.key === 'harbourWall2023')?.meta.title, 'Harbour wall rebuilt at last');
  });

  it('reads no attachment again when nothing changed', async () => {
    const dir = library();
    const store = new MemoryIndexStore();
    const service = await zoteroService(dir, {}, store);
    await service.persistIndex();
    dir.reads = [];
    await service.reindex();
    assert.deepEqual(dir.reads, []);
    const restarted = await zoteroService(dir, {}, store);
    assert.deepEqual(dir.reads, []);
    assert.equal(restarted.sources().length, 5);
  });

  it('after a restart, reads again the one attachment changed since the index was saved, and serves its new text', async () => {
    const dir = library();
    const store = new MemoryIndexStore();
    await (await zoteroService(dir, {}, store)).persistIndex();
    const file = 'storage/CASEATT1/.zotero-ft-cache';
    const text = new TextDecoder().decode(dir.files.get(file));
    dir.files.set(file, new TextEncoder().encode(`${text}\n\nThe council appealed the ruling in May.\n`));
    dir.reads = [];
    const restarted = await zoteroService(dir, {}, store);
    assert.deepEqual(dir.reads, [file]);
    assert.match(restarted.sources().find((s) => s.meta.key === 'trustVCouncil2020')!.text, /appealed the ruling in May/);
    assert.equal(restarted.search('council appealed ruling')[0]?.source.meta.key, 'trustVCouncil2020');
  });

  it('after a restart with the database unchanged, takes the items it kept instead of reading the database', async () => {
    const dir = library();
    const store = new MemoryIndexStore();
    const first = new ZoteroSources(dir, { store, buildId: 'build-1' });
    const listed = await first.refs();
    assert.equal(dir.databaseReads, 1);
    const restarted = new ZoteroSources(dir, { store, buildId: 'build-1' });
    assert.deepEqual(await restarted.refs(), listed);
    assert.deepEqual(restarted.items, first.items);
    assert.equal(dir.databaseReads, 1, 'the database was not read again');
  });

  it('reads the database again when it changed since, when another build kept the items, or when the kept copy is damaged', async () => {
    const dir = library();
    const store = new MemoryIndexStore();
    await new ZoteroSources(dir, { store, buildId: 'build-1' }).refs();
    const changed = new MemoryZoteroDirectory(path.join(zoteroFixtures, 'wal'));
    dir.files.set('zotero.sqlite', changed.files.get('zotero.sqlite')!);
    dir.files.set('zotero.sqlite-wal', changed.files.get('zotero.sqlite-wal')!);
    dir.edits++;
    const after = new ZoteroSources(dir, { store, buildId: 'build-1' });
    await after.refs();
    assert.equal(dir.databaseReads, 2);
    assert.equal(after.items.find((i) => i.citationKey === 'harbourWall2023')?.fields.title, 'Harbour wall rebuilt at last');
    await new ZoteroSources(dir, { store, buildId: 'build-2' }).refs();
    assert.equal(dir.databaseReads, 3, 'another build reads the database itself');
    const kept = store.bytes!;
    for (const at of [0, Math.floor(kept.length / 2), kept.length - 2]) {
      store.bytes = kept.slice();
      store.bytes[at] ^= 0x04;
      const before: number = dir.databaseReads;
      const damaged = new ZoteroSources(dir, { store, buildId: 'build-2' });
      await damaged.refs();
      assert.equal(dir.databaseReads, before + 1, `a bit changed at byte ${at}`);
      assert.equal(damaged.items.find((i) => i.citationKey === 'harbourWall2023')?.fields.title, 'Harbour wall rebuilt at last');
    }
  });

  it('reports a library of a newer schema with the reason, and the workspace’s other sources keep working', async () => {
    const service = await zoteroService(new MemoryZoteroDirectory(path.join(zoteroFixtures, 'newer')), { 'sources/note.md': 'She said: “The harbour is open again.”\n' });
    assert.deepEqual(service.sources().map((s) => s.meta.key), ['note']);
    const [problem] = service.status().problems;
    assert.equal(problem.code, 'verbatim.zotero.schemaNewer');
    assert.match(problem.message, /newer Zotero.*999/);
  });

  it('reports a damaged library and a missing one', async () => {
    const damaged = library();
    damaged.files.set('zotero.sqlite', damaged.files.get('zotero.sqlite')!.subarray(0, 20_000));
    const service = await zoteroService(damaged, { 'sources/note.md': 'A note.\n' });
    assert.deepEqual(service.sources().map((s) => s.meta.key), ['note']);
    assert.equal(service.status().problems[0].code, 'verbatim.zotero.damaged');
    const missing = library();
    missing.files.delete('zotero.sqlite');
    const none = await zoteroService(missing);
    assert.equal(none.status().problems[0].code, 'verbatim.zotero.unreadable');
  });
});
