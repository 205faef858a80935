import * as assert from 'node:assert/strict';
import type { Passage } from '../../../../src/core/model';
import { extractPassages } from '../../../../src/core/extraction/extractPassages';
import { readBlocks } from '../../../../src/core/text/paragraphs';

function passagesOf(text: string, locale?: string): Passage[] {
  return extractPassages(text, readBlocks(text, 0), 'src', locale);
}

function paragraphs(...lines: string[]): string {
  return lines.join('\n\n') + '\n';
}

/** The kind of the quotation or term whose text starts with `start`. */
function kindOf(text: string, start: string, locale?: string): string {
  const found = passagesOf(text, locale).filter((p) => p.kind === 'quote' || p.kind === 'term');
  const passage = found.find((p) => p.text.startsWith(start));
  assert.ok(passage, `nothing quoted starts with "${start}"; found: ${found.map((p) => p.text.slice(0, 30)).join(' | ')}`);
  return passage.kind;
}

describe('terms: words in quotation marks that nobody is quoted as saying', () => {
  it('takes a headline followed by its byline for a title', () => {
    const text = paragraphs(
      'FAREWELL—"The Living Room to close at the end of December," by Times\' Ben Sisario: "The nightclub gave an early start to many singers." http://nyti.ms/x.',
    );
    assert.equal(kindOf(text, 'The Living Room'), 'term');
    assert.equal(kindOf(text, 'The nightclub'), 'quote');
  });

  it('keeps words a passive gives to someone ("labeled “…” by …") a quotation', () => {
    const text = paragraphs('Salceda said the "ugliness of utterances, largely unprompted," by Trump last week stood in contrast.');
    assert.equal(kindOf(text, 'ugliness'), 'quote');
  });

  it('takes a slogan dated in parentheses for a work', () => {
    const text = paragraphs('The posters of the party were blunt. “Lose safety? Lose work? No to Schengen” (2005) — “Yes to minaret ban” (2009).');
    assert.equal(kindOf(text, 'Lose safety'), 'term');
    assert.equal(kindOf(text, 'Yes to minaret'), 'term');
  });

  it('takes a nickname inside a name for a term', () => {
    const text = paragraphs('He hired the nuclear physicist George "Jay" Keyworth, who later said, "It was the best job I ever had."');
    assert.equal(kindOf(text, 'Jay'), 'term');
  });

  it('takes a name in title case used as one for a term, but not one somebody calls something', () => {
    const text = paragraphs(
      'What followed was the “Arab Spring” uprisings throughout the region.',
      'Supporters waved their “Hispanics para Trump” signs from their seats.',
      'Duterte has been called the “Trump of the East” for his statements, a columnist wrote.',
    );
    assert.equal(kindOf(text, 'Arab Spring'), 'term');
    assert.equal(kindOf(text, 'Hispanics para Trump'), 'term');
    assert.equal(kindOf(text, 'Trump of the East'), 'quote');
  });

  it('does not run the English rules of names on French text', () => {
    const english = paragraphs('The protesters carried “Justice For All Our Families” banners outside the town hall on Monday.');
    const french = paragraphs('Les manifestants portaient des pancartes “Justice Pour Toutes Les Familles” devant la mairie, et la police est restée à distance.');
    assert.equal(kindOf(english, 'Justice For All'), 'term');
    assert.equal(kindOf(french, 'Justice Pour', 'fr'), 'quote');
  });

  it('keeps a quotation in parentheses of prose a quotation, not code', () => {
    const text = paragraphs(
      'She described him as kind. (That said, she also noted, "When you attack him, he will punch back 10 times harder.")',
      'He kept taking shots at Marco Rubio (“Little Marco”) and Ted Cruz (“Lyin Ted”) all night.',
    );
    assert.equal(kindOf(text, 'When you attack'), 'quote');
    assert.equal(kindOf(text, 'Little Marco'), 'quote');
  });

  it('keeps a paragraph that opens with a quotation closed before its full stop a quotation, not a reference', () => {
    const text = paragraphs('“Which is why I don’t understand why his hands are the size of someone who is small”. You know what they say about that.');
    assert.equal(kindOf(text, 'Which is why'), 'quote');
    assert.equal(kindOf(paragraphs('"Netscape dorm". Retrieved 2007-10-12.'), 'Netscape dorm'), 'term');
  });

  it('keeps a code argument a term', () => {
    assert.equal(kindOf(paragraphs('Call it as fetch("https://example.com/a b") to read the page.'), 'https://'), 'term');
  });

  it('gives a phrase that a verb of calling puts in someone’s mouth to that someone, as a quotation', () => {
    const text = paragraphs('The ad shows a golden head speaking from the face of a giant bill, calling them "frijoleros" and bragging about the wall.');
    assert.equal(kindOf(text, 'frijoleros'), 'quote');
  });

  it('reads no quotation out of an attribute of markup that a line break splits', () => {
    const text = 'Still, the crowd was thin.\n\n<tweet tweet-author="@ByronYork" tweet-date="March 9, 2016\n">Rubio stadium event in Hialeah. Stands empty.<tweet/>.\n';
    const quoted = passagesOf(text).filter((p) => p.kind === 'quote' || p.kind === 'term');
    assert.deepEqual(quoted.map((p) => p.text), []);
  });
});
