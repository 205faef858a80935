import * as assert from 'node:assert/strict';
import type { BackendResult, SearchHit, SearchOptions } from '../../../src/core';
import { ArchiveSetting, type ArchiveSearcher } from '../../../src/node/archive/archiveSetting';
import type { ArchiveState } from '../../../src/shared/protocol';
import { defaultSettings, type VerbatimSettings } from '../../../src/shared/settings';

/** An archive whose answers the test releases by hand, counting what it was asked. */
class HeldArchive implements ArchiveSearcher {
  readonly asked: string[] = [];
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
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const hit = (text: string): SearchHit => ({
  passage: { id: `a#${text}`, key: 'a', kind: 'quote', text, start: 0, end: text.length, paragraph: 1, sentence: { start: 0, end: text.length }, speaker: null, speakerMention: null },
  source: { uri: 'verbatim-archive:a', path: 'a.md', meta: { key: 'a' }, text: '', bodyStart: 0, blocks: [], passages: [] },
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
});
