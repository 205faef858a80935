import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IVerbatimService, Passage } from '../../../../src/core';
import { indexedService, seedArticle } from '../../helpers';

let service: IVerbatimService;
let passages: Passage[];
before(async () => {
  service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
  passages = service.sources()[0].passages.filter((p) => p.text.split(' ').length >= 6);
});

const runs = Number(process.env.VERBATIM_PROPERTY_RUNS ?? 2000);

/** Words of a passage, as the writer would copy them. */
function wordsOf(p: Passage): string[] {
  return p.text.split(/\s+/).filter(Boolean);
}

async function verdictOf(quote: string): Promise<string> {
  const findings = (await service.checkDraft(`The report says “${quote}” [@hkfp-2017-vpn].`))!;
  assert.equal(findings.length, 1);
  return findings[0].verdict;
}

describe('quotation verdicts, as properties', function () {
  // Hundreds of full checks: bounded by work, not by the clock; the default 2 s is too short on a loaded machine.
  this.timeout(120_000);
  it('finds any exact fragment of any source passage verbatim', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (pi, a, b) => {
      const words = wordsOf(passages[pi % passages.length]);
      const start = a % (words.length - 2);
      const length = 3 + (b % (words.length - start - 2));
      const fragment = words.slice(start, start + length).join(' ');
      // A fragment that ends in the writer's own sentence punctuation is still the source's words.
      assert.match(await verdictOf(fragment), /^(?:verbatim|normalized)$/, fragment);
    }), { numRuns: runs });
  });

  it('never certifies a quotation with one word changed, a number changed or a negation added', async () => {
    const change = fc.oneof(
      fc.constant('replace'), fc.constant('number'), fc.constant('negation'),
    );
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), change, async (pi, wi, kind) => {
      const words = wordsOf(passages[pi % passages.length]);
      const i = wi % words.length;
      const changed = [...words];
      if (kind === 'replace') changed[i] = /^[A-Z]/.test(words[i]) ? 'Zebra' : 'zebra';
      else if (kind === 'number') changed.splice(i, 0, String(17 + (wi % 50)));
      else changed.splice(i, 0, 'not');
      const verdict = await verdictOf(changed.join(' '));
      assert.ok(!['verbatim', 'normalized', 'edited'].includes(verdict), `${kind} at ${i}: ${changed.join(' ')} → ${verdict}`);
    }), { numRuns: runs });
  });
});
