import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { normalize, type Normalized } from '../../../../src/core/text/normalize';

/**
 * The normalisation contract written the plain way, one character at a time with regular
 * expressions: the fast normaliser must give the same text and the same offset map.
 */
function contract(text: string, options: { stripEmphasis?: boolean } = {}): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1;
  const chars = Array.from(text);
  const word = /[\p{L}\p{N}]/u;
  const emphasis = (i: number): boolean => {
    const before = chars[i - 1] ?? ' ';
    const after = chars[i + 1] ?? ' ';
    if (chars[i] === '_' && word.test(before) && word.test(after)) return false;
    return !(word.test(before) && word.test(after)) || chars[i] === '*';
  };
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const raw = chars[i];
    const at = offset;
    offset += raw.length;
    if (raw === '\u00ad') continue;
    if (/[\s\u200b]/.test(raw)) {
      if (out.length && pendingSpace < 0) pendingSpace = at;
      continue;
    }
    if (options.stripEmphasis && (raw === '*' || raw === '_') && emphasis(i)) continue;
    let ch = raw;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    if (/[‘’‚‛′`]/.test(ch)) ch = "'";
    else if (/[“”„‟″«»]/.test(ch)) ch = '"';
    else if (/[‐‑‒–—―−]/.test(ch)) ch = '-';
    else if (/[\u0300-\u036f]/.test(ch) && out.length) {
      const composed = (out[out.length - 1] + ch).normalize('NFC');
      if (composed.length === 1) { out[out.length - 1] = composed; continue; }
    }
    if (pendingSpace >= 0) {
      out.push(' ');
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    out.push(ch.normalize('NFC'));
    map.push(at);
  }
  map.push(text.length);
  return { text: out.join(''), map };
}

/** Characters the contract treats specially, and their neighbours. */
const alphabet = [
  'a', 'e', 'Z', '1', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u200b', '\u3000', '\ufeff', '\u00ad',
  '‘', '’', '‚', '‛', '′', '`', '"', "'", '“', '”', '„', '‟', '″', '«', '»',
  '‐', '‑', '‒', '–', '—', '―', '−', '-', '\u0301', '\u0308', '\u0340', '\u0344', 'Å', '\u212b', '\u2126',
  '，', '；', '（', 'Ａ', '＇', '｀', '＂', '。', '、', '数', '据', '\uf900', 'か', '\u3099',
  '*', '_', '**', '😀', '\ud800', '\udc00', '𝒜', 'ß', 'İ',
];
const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the normalisation contract', () => {
  it('folds quotation marks, dashes, spaces, full-width forms and composition, and maps back to original offsets', () => {
    const n = normalize('  “Don’t” —\u00a0ｃａｆe\u0301，  soft\u00adhyphen ');
    assert.equal(n.text, '"Don\'t" - café, softhyphen');
    assert.equal(n.map.length, n.text.length + 1);
    assert.equal(n.map[0], 2, 'the first character is the opening mark after two spaces');
  });

  it('strips emphasis markers around words in drafts, not underscores inside words', () => {
    assert.equal(normalize('a *very* snake_case _word_', { stripEmphasis: true }).text, 'a very snake_case word');
  });

  it('gives the text and the offset map the contract defines, on any mix of the characters it treats specially', () => {
    fc.assert(fc.property(texts, fc.boolean(), (text, stripEmphasis) => {
      assert.deepEqual(normalize(text, { stripEmphasis }), contract(text, { stripEmphasis }));
    }), { numRuns: 3000 });
  });

  it('gives the same on arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
      assert.deepEqual(normalize(text, { stripEmphasis: true }), contract(text, { stripEmphasis: true }));
    }), { numRuns: 2000 });
  });
});
