import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { cases, type RobustnessCase } from './cases';
import type { CaseResult } from './runCase';

/**
 * A safety net, not a speed assertion: a case still running after this long is hung, and its
 * process is killed so the test fails with a reason instead of freezing the run.
 */
const hangDeadlineMs = 60_000;
/** The answer a writer could wait for; slower features are listed when the suite ends. */
const budgetMs = 2_000;
/** No feature may send the editor more than this many characters for one request. */
const maxAnswerChars = 2 * 1024 * 1024;

function runInChild(c: RobustnessCase): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'runCase.js'), [c.name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
    let result: CaseResult | undefined;
    const deadlineMs = c.hangDeadlineMs ?? hangDeadlineMs;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hung: still running after ${deadlineMs / 1000} s`));
    }, deadlineMs);
    child.on('message', (message) => { result = message as CaseResult; });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`crashed: the process exited with ${signal ?? code} before answering`));
    });
  });
}

describe('bad input: every pathological source and draft gets a bounded answer', function () {
  this.timeout(hangDeadlineMs + 10_000);
  const timings: { name: string; feature: string; ms: number }[] = [];

  after(() => {
    const worst = [...timings].sort((a, b) => b.ms - a.ms);
    const perCase = new Map<string, number>();
    for (const t of timings) perCase.set(t.name, Math.max(perCase.get(t.name) ?? 0, t.ms));
    console.log('\n    worst time per case (ms):');
    for (const [name, ms] of perCase) console.log(`    ${ms.toFixed(0).padStart(7)}  ${name}`);
    if (worst[0]) console.log(`    worst of all: ${worst[0].ms.toFixed(0)} ms, ${worst[0].feature} for “${worst[0].name}”`);
    const slow = worst.filter((t) => t.ms > budgetMs);
    if (slow.length) console.log(`    over ${budgetMs} ms:\n${slow.map((t) => `      ${t.ms.toFixed(0)} ms  ${t.feature}  (${t.name})`).join('\n')}`);
  });

  for (const c of cases) {
    it(c.name, async function () {
      if (c.hangDeadlineMs) this.timeout(c.hangDeadlineMs + 10_000);
      const result = await runInChild(c);
      assert.equal(result.error, undefined, `threw: ${result.error}`);
      for (const m of result.measured) timings.push({ name: c.name, feature: m.feature, ms: m.ms });
      assert.ok(result.goodSourcesAnswer, 'the good sources still answer searches');
      assert.ok(result.indexedKeys.includes('hkfp-2017-vpn') && result.indexedKeys.includes('udhr-1948'), `the good sources stay indexed: ${result.indexedKeys.join(', ')}`);
      const expect = c.expect;
      if (expect && 'problem' in expect) {
        const problem = result.problems.find((p) => p.path === expect.path);
        assert.ok(problem, `the broken source is reported; problems: ${JSON.stringify(result.problems)}`);
        assert.equal(problem.code, expect.problem, problem.message);
        assert.ok(problem.message.length > 10 && problem.message.length < 300, `a clear, short reason: ${problem.message}`);
      } else if (expect) {
        assert.ok(result.indexedKeys.includes(expect.indexed), `indexed: ${JSON.stringify(result.problems)}`);
      }
      if (c.whileIndexing) {
        assert.ok(result.askedWhileIndexing, 'every feature was asked while indexing went on');
        assert.ok(result.measured.some((m) => m.feature === 'search while indexing'), 'and answered');
      }
      if (c.minFindings) assert.ok(result.findings >= c.minFindings, `found ${result.findings} quotations`);
      for (const m of result.measured) assert.ok(m.size <= maxAnswerChars, `${m.feature} answered ${m.size} characters`);
    });
  }
});
