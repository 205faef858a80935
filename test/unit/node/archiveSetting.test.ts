import * as assert from 'node:assert/strict';
import type { BackendResult, IWorkspace, SearchHit, SearchOptions, SourceRef } from '../../../src/core';
import { ArchiveSetting, type ArchiveSearcher } from '../../../src/node/archive/archiveSetting';
import type { ArchiveState } from '../../../src/shared/protocol';
import { defaultSettings, type VerbatimSettings } from '../../../src/shared/settings';

/** An archive whose answers the test releases by hand, counting what it was asked. */
class HeldArchive implements ArchiveSearcher {
  readonly asked: string[] = [];
  readonly fetched: string[][] = [];
  /** The files `sourceFiles` gives, by source id. */
  readonly files = new Map<string, string>();
  readonly #pending: { resolve: (r: BackendResult) => void; reject: (e: Error) => void }[] = [];
  closed = false;
  search(query: string, _options?: SearchOptions): Promise<BackendResult> {
    this.asked.push(query);
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
  }
  answer(hits: SearchHit[], failed: string[] = []): void {
    this.#pending.shift()!.resolve({ hits, failed });
  }
  fail(message: string): void {
    this.#pending.shift()!.reject(new Error(message));
  }
  sourceFiles(ids: readonly string[]): Promise<{ id: string; path: string; bytes: Uint8Array }[]> {
    this.fetched.push([...ids]);
    return Promise.resolve(ids.filter((id) => this.files.has(id)).map((id) => ({ id, path: `${id}.md`, bytes: new TextEncoder().encode(this.files.get(id)) })));
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const hit = (text: string, key = 'a'): SearchHit => ({
  passage: { id: `${key}#${text}`, key, kind: 'quote', text, start: 0, end: text.length, paragraph: 1, sentence: { start: 0, end: text.length }, speaker: null, speakerMention: null },
  source: { uri: `verbatim-archive:${key}`, path: `${key}.md`, meta: { key }, text: '', bodyStart: 0, blocks: [], passages: [] },
  score: 0.01,
} as unknown as SearchHit);

const settings = (archive: Partial<VerbatimSettings>): VerbatimSettings => ({ ...defaultSettings, archiveUrl: 'postgres://desk@archive/verbatim', archiveTimeBudgetMs: 0, ...archive });

function setting(now: () => number = Date.now) {
  const archive = new HeldArchive();
  const opened: string[] = [];
  const states: (ArchiveState | undefined)[] = [];
  let changed: (() => void) | undefined;
  const setting = new ArchiveSetting((url) => { opened.push(url); return archive; }, (s) => { states.push(s); changed?.(); }, now);
  const nextState = () => new Promise<void>((resolve) => { changed = resolve; });
  return { archive, opened, states, setting, nextState };
}

describe('the shared archive setting', () => {
  it('never connects in Restricted Mode', async () => {
    const { opened, setting: s } = setting();
    s.apply(settings({}), false);
    await s.prefetch('lifeline internet');
    assert.deepEqual(opened, []);
    assert.equal(s.state, undefined);
    assert.equal(s.hits('lifeline internet'), undefined);
  });

  it('never connects where the workspace turns the archive off', () => {
    const { opened, setting: s } = setting();
    s.apply(settings({ archiveEnabled: false }), true);
    assert.deepEqual(opened, []);
  });

  it('keeps an answer that comes after the time budget for the next keystroke', async () => {
    const { archive, setting: s, nextState } = setting();
    s.apply(settings({}), true);
    await s.prefetch('lifeline internet');
    assert.equal(s.hits('lifeline internet'), undefined, 'nothing yet: completion answers without the archive');
    const stated = nextState();
    archive.answer([hit('close the last lifeline to a free internet.')]);
    await stated;
    assert.equal(s.hits('lifeline internet')?.[0].passage.text, 'close the last lifeline to a free internet.');
    await s.prefetch('lifeline internet');
    assert.deepEqual(archive.asked, ['lifeline internet'], 'an answered query is not asked again');
  });

  it('names the shards that did not answer', async () => {
    const { archive, setting: s, nextState } = setting();
    s.apply(settings({}), true);
    await s.prefetch('ferry strike');
    const stated = nextState();
    archive.answer([hit('the ferry strike')], ['shard2']);
    await stated;
    assert.equal(s.state?.state, 'partial');
    assert.match(s.state!.message, /"shard2" did not answer/);
  });

  it('leaves an unreachable archive alone for a while instead of making each keystroke wait', async () => {
    let clock = 1_000;
    const { archive, setting: s, nextState } = setting(() => clock);
    s.apply(settings({ archiveTimeBudgetMs: 0 }), true);
    await s.prefetch('housing budget');
    const stated = nextState();
    archive.fail('connect ECONNREFUSED 127.0.0.1:5432');
    await stated;
    assert.equal(s.state?.state, 'unreachable');
    assert.match(s.state!.message, /ECONNREFUSED/);
    clock += 5_000;
    await s.prefetch('housing budget council');
    assert.equal(archive.asked.length, 1, 'not asked again within the pause');
    clock += 30_000;
    void s.prefetch('housing budget council');
    assert.equal(archive.asked.length, 2, 'asked again once the pause is over');
  });

  it('closes the archive and forgets its answers when the setting is cleared', () => {
    const { archive, setting: s } = setting();
    s.apply(settings({}), true);
    s.apply(settings({ archiveUrl: '' }), true);
    assert.ok(archive.closed);
    assert.equal(s.state, undefined);
  });

  describe('for draft checks', () => {
    const local: IWorkspace = {
      findSources: () => Promise.resolve([{ uri: 'file:///w/sources/own.md', path: 'sources/own.md' }]),
      readFile: () => Promise.resolve(new TextEncoder().encode('own')),
    };
    /** Lets pending promises run until `done` holds (a bounded number of turns, so a bug fails instead of hanging). */
    const until = async (done: () => boolean): Promise<void> => {
      for (let turn = 0; !done(); turn++) {
        if (turn > 1_000) throw new Error('the archive was never asked');
        await Promise.resolve();
      }
    };
    const answered = async (s: ArchiveSetting, archive: HeldArchive, hits: SearchHit[][], quotations: string[]): Promise<SourceRef[]> => {
      const refs = s.sourcesFor(quotations);
      for (const h of hits) {
        // Each quotation is asked in turn: answer the next once it is asked.
        await until(() => archive.asked.length >= hits.indexOf(h) + 1);
        archive.answer(h);
      }
      return refs;
    };

    it('fetches the archived sources that hold a quotation and reads them beside the workspace', async () => {
      const { archive, setting: s } = setting();
      archive.files.set('ferry-2024', '# Ferry\n\n“We will sail,” the captain said.');
      s.apply(settings({}), true);
      const refs = await answered(s, archive, [[hit('We will sail,', 'ferry-2024')]], ['We will sail,']);
      assert.deepEqual(refs, [{ uri: 'verbatim-archive:ferry-2024', path: 'archive/ferry-2024.md' }]);
      const overlay = s.workspace(local);
      assert.deepEqual((await overlay.findSources(['**/*.md'])).map((r) => r.path), ['sources/own.md', 'archive/ferry-2024.md']);
      assert.match(new TextDecoder().decode(await overlay.readFile(refs[0], 1_000)), /We will sail/);
    });

    it('asks for a quotation once, and fetches a source it already holds never again', async () => {
      const { archive, setting: s } = setting();
      archive.files.set('ferry-2024', 'text');
      s.apply(settings({}), true);
      await answered(s, archive, [[hit('We will sail,', 'ferry-2024')]], ['We will sail,']);
      assert.deepEqual(await s.sourcesFor(['We will sail,']), [], 'the same quotation is not asked again');
      const again = await answered(s, archive, [[hit('the harbour is open', 'ferry-2024')]], ['the harbour is open']);
      assert.deepEqual(again, []);
      assert.deepEqual(archive.fetched, [['ferry-2024']], 'the held source is not fetched twice');
      assert.deepEqual(archive.asked, ['We will sail,', 'the harbour is open']);
    });

    it('lets its archived sources go when the archive is turned off, so that the host reindexes', async () => {
      const { archive, setting: s } = setting();
      archive.files.set('ferry-2024', 'text');
      s.apply(settings({}), true);
      await answered(s, archive, [[hit('We will sail,', 'ferry-2024')]], ['We will sail,']);
      assert.equal(s.apply(settings({ archiveEnabled: false }), true), true);
      assert.deepEqual((await s.workspace(local).findSources(['**/*.md'])).map((r) => r.path), ['sources/own.md']);
    });

    it('asks nothing while an unreachable archive is left alone', async () => {
      const { archive, setting: s, nextState } = setting(() => 1_000);
      s.apply(settings({}), true);
      const refs = s.sourcesFor(['We will sail,']);
      const stated = nextState();
      await until(() => archive.asked.length > 0);
      archive.fail('connect ECONNREFUSED 127.0.0.1:5432');
      assert.deepEqual(await refs, []);
      await stated;
      assert.equal(s.state?.state, 'unreachable');
      assert.deepEqual(await s.sourcesFor(['the harbour is open']), []);
      assert.equal(archive.asked.length, 1);
    });
  });
});
