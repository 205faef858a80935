/**
 * Runs one robustness case in its own process (forked by robustness.test.ts, which kills it at a
 * deadline so a hang fails the test instead of freezing Mocha) and sends back what a writer would
 * see: the problems reported, whether the good sources still answer, how long each feature took
 * and how large its answer was.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVerbatimService } from '../../src/core';
import { defaultSettings } from '../../src/shared/settings';
import { MemoryWorkspace, seedArticle } from '../unit/helpers';
import { cases } from './cases';

/** One feature's answer, measured. */
export interface Measured {
  readonly feature: string;
  readonly ms: number;
  /** Characters of the answer as JSON, the size an editor would receive. */
  readonly size: number;
}

export interface CaseResult {
  readonly name: string;
  readonly measured: readonly Measured[];
  readonly problems: readonly { path: string; code: string; message: string }[];
  readonly indexedKeys: readonly string[];
  /** The seed article still answers a search for its best-known quotation. */
  readonly goodSourcesAnswer: boolean;
  readonly findings: number;
  /** Every feature was also asked halfway through indexing (for cases that ask for it). */
  readonly askedWhileIndexing?: boolean;
  readonly error?: string;
}

const udhr = readFileSync(path.join(__dirname, '../../../examples/newsroom/sources/udhr-1948.md'), 'utf8');

async function run(name: string): Promise<CaseResult> {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case named ${name}`);
  const measured: Measured[] = [];
  const measure = <T>(feature: string, f: () => T): T => {
    const start = performance.now();
    const answer = f();
    const ms = performance.now() - start;
    measured.push({ feature, ms, size: answer === undefined || answer === null ? 0 : JSON.stringify(answer).length });
    return answer;
  };
  const measureAsync = async <T>(feature: string, f: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const answer = await f();
    const ms = performance.now() - start;
    measured.push({ feature, ms, size: answer === undefined || answer === null ? 0 : JSON.stringify(answer).length });
    return answer;
  };
  const files = { 'sources/hkfp-2017-vpn.md': seedArticle, 'sources/udhr-1948.md': udhr, ...c.sources?.() };
  const service = createVerbatimService({ workspace: new MemoryWorkspace(files), settings: { ...defaultSettings, ...c.settings } });
  const badText = Object.values(c.sources?.() ?? {}).map((v) => (typeof v === 'string' ? v : new TextDecoder().decode(v))).join(' ');
  const badKey = c.expect && 'indexed' in c.expect ? c.expect.indexed : 'bad';
  // A search answers with passages; their sources are references the picker does not send.
  const search = (query: string): { key: string; text: string }[] => service.search(query, { limit: 20 }).map((hit) => ({ key: hit.source.meta.key, text: hit.passage.text }));

  /**
   * Every feature once, as a writer would use it; `when` names the moment in the timings. The
   * features that answer at once are asked first, before the checks hand the thread back.
   */
  const askEverything = async (when: string): Promise<{ goodSourcesAnswer: boolean; findings: number }> => {
    const named = (feature: string): string => (when ? `${feature} ${when}` : feature);
    const goodSourcesAnswer = measure(named('search'), () => search('last lifeline free internet'))
      .some((hit) => hit.key === 'hkfp-2017-vpn' && hit.text.includes('lifeline'));
    // The first words of the bad source, as a writer who remembers them would type them.
    if (badText) measure(named('search with the source’s own words'), () => search(badText.slice(0, 60)));
    const firstQuote = service.sources().find((s) => s.meta.key === badKey)?.passages.find((p) => p.kind === 'quote')?.text.slice(0, 200) ?? 'lifeline';

    const text = c.draft?.() ?? `# Draft\n\nThey said “${firstQuote}” [@${badKey}, para. 1]. Then “${firstQuote.slice(0, 20)}`;
    const document = TextDocument.create('memory:/drafts/draft.md', 'markdown', 1, text);
    // Where a writer's cursor could be: the middle, the end, inside the first quotation and citation.
    const firstMark = text.search(/[“"«「『‘]/);
    const firstCitation = text.indexOf('[@');
    const offsets = [...new Set([Math.floor(text.length / 2), text.length, firstMark + 2, firstCitation + 3])].filter((o) => o >= 0 && o <= text.length);
    for (const offset of offsets) {
      const position = document.positionAt(offset);
      measure(named(`completion at ${offset}`), () => service.provideCompletion(document, position, { triggerKind: 1 }));
      measure(named(`completion typed at ${offset}`), () => service.provideCompletion(document, position, { triggerKind: 3 }));
      measure(named(`hover at ${offset}`), () => service.provideHover(document, position));
      measure(named(`definition at ${offset}`), () => service.provideDefinition(document, position));
    }
    // Findings hold their sources; the editor receives them as diagnostics, measured next.
    const findings = await measureAsync(named('checkDraft'), async () => (await service.checkDraft(text))?.length ?? 0);
    await measureAsync(named('diagnostics'), () => service.provideDiagnostics(document));
    await measureAsync(named('code actions'), () => service.provideCodeActions(document, { start: document.positionAt(0), end: document.positionAt(text.length) }));
    return { goodSourcesAnswer, findings };
  };

  let askedWhileIndexing = false;
  let askingWhileIndexing: Promise<unknown> | undefined;
  const start = performance.now();
  const status = await service.reindex((done, total) => {
    // Requests reach the service between two files, as they reach the server between two reads.
    if (!c.whileIndexing || askedWhileIndexing || done < total / 2 || !service.status().indexing) return;
    askedWhileIndexing = true;
    askingWhileIndexing = askEverything('while indexing');
  });
  await askingWhileIndexing;
  measured.push({ feature: 'index', ms: performance.now() - start, size: 0 });
  const indexedKeys = service.sources().map((s) => s.meta.key);
  const { goodSourcesAnswer, findings } = await askEverything('');
  return {
    name, measured, findings, indexedKeys, goodSourcesAnswer, askedWhileIndexing,
    problems: status.problems.map((p) => ({ path: p.path, code: p.code, message: p.message })),
  };
}

const reply = (message: object): void => void process.send!(message, () => process.disconnect());
run(process.argv[2]).then(
  (result) => reply(result),
  (error: unknown) => reply({ name: process.argv[2], error: error instanceof Error ? error.stack ?? error.message : String(error) }),
);
