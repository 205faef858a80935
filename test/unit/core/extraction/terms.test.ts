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
      'FAREWELL—"The Blue Lantern to close at the end of March," by Times\' Ivo Marsh: "The club gave an early start to many bands." http://ex.am/x.',
    );
    assert.equal(kindOf(text, 'The Blue Lantern'), 'term');
    assert.equal(kindOf(text, 'The club'), 'quote');
  });

  it('keeps words a passive gives to someone ("labeled “…” by …") a quotation', () => {
    const text = paragraphs('Okoro said the "coarseness of remarks, mostly unprovoked," by Kessler last week stood in contrast.');
    assert.equal(kindOf(text, 'coarseness'), 'quote');
  });

  it('takes a slogan dated in parentheses for a work', () => {
    const text = paragraphs('The posters of the party were blunt. “Lose jobs? Lose homes? No to the treaty” (2007) — “Yes to the tower ban” (2011).');
    assert.equal(kindOf(text, 'Lose jobs'), 'term');
    assert.equal(kindOf(text, 'Yes to the tower'), 'term');
  });

  it('takes a nickname inside a name for a term', () => {
    const text = paragraphs('He hired the nuclear chemist Harold "Hal" Brisbane, who later said, "It was the finest post I ever held."');
    assert.equal(kindOf(text, 'Hal'), 'term');
  });

  it('takes a name in title case used as one for a term, but not one somebody calls something', () => {
    const text = paragraphs(
      'What followed was the “Velvet Summer” protests throughout the region.',
      'Supporters waved their “Granjeros para Kessler” signs from their seats.',
      'Varga has been called the “Kessler of the North” for his statements, a columnist wrote.',
    );
    assert.equal(kindOf(text, 'Velvet Summer'), 'term');
    assert.equal(kindOf(text, 'Granjeros para Kessler'), 'term');
    assert.equal(kindOf(text, 'Kessler of the North'), 'quote');
  });

  it('does not run the English rules of names on French text', () => {
    const english = paragraphs('The protesters carried “Justice For All Our Families” banners outside the town hall on Monday.');
    const french = paragraphs('Les manifestants portaient des pancartes “Justice Pour Toutes Les Familles” devant la mairie, et la police est restée à distance.');
    assert.equal(kindOf(english, 'Justice For All'), 'term');
    assert.equal(kindOf(french, 'Justice Pour', 'fr'), 'quote');
  });

  it('keeps a quotation in parentheses of prose a quotation, not code', () => {
    const text = paragraphs(
      'She described him as kind. (That said, she also noted, "When you cross him, he will hit back 10 times as hard.")',
      'He kept taking shots at Paul Ribera (“Tiny Paul”) and Ned Crane (“Sleepy Ned”) all night.',
    );
    assert.equal(kindOf(text, 'When you cross'), 'quote');
    assert.equal(kindOf(text, 'Tiny Paul'), 'quote');
  });

  it('keeps a paragraph that opens with a quotation closed before its full stop a quotation, not a reference', () => {
    const text = paragraphs('“Which is why I can’t see why his boots are the size of a small child’s boots”. You know what they say about that.');
    assert.equal(kindOf(text, 'Which is why'), 'quote');
    assert.equal(kindOf(paragraphs('"Netscape dorm". Retrieved 2007-10-12.'), 'Netscape dorm'), 'term');
  });

  it('keeps a code argument a term', () => {
    assert.equal(kindOf(paragraphs('Call it as fetch("https://example.com/a b") to read the page.'), 'https://'), 'term');
  });

  it('gives a phrase that a verb of calling puts in someone’s mouth to that someone, as a quotation', () => {
    const text = paragraphs('The ad shows a bronze statue speaking from the top of a giant coin, calling them "moochers" and bragging about the fence.');
    assert.equal(kindOf(text, 'moochers'), 'quote');
  });

  it('reads no quotation out of an attribute of markup that a line break splits', () => {
    const text = 'Still, the crowd was thin.\n\n<tweet tweet-author="@PollWatcher" tweet-date="May 2, 2019\n">Ribera stadium event in Tampa. Stands empty.<tweet/>.\n';
    const quoted = passagesOf(text).filter((p) => p.kind === 'quote' || p.kind === 'term');
    assert.deepEqual(quoted.map((p) => p.text), []);
  });

  it('takes every title of a list for a title when the list follows a cue of titles', () => {
    const text = paragraphs(
      'Pellegrini, who’s starred in “Harbor Lights” and “The Glass Orchard,” posted the clip on Friday.',
      'Dunmore had roles in “The Winter Ledger,” “Route 9,” and “Captain Marlow: The Last Voyage,” she said.',
      'Fans chanted “Bring Her Home” and “Not Today, Not Ever” as she spoke.',
    );
    assert.equal(kindOf(text, 'The Glass Orchard'), 'term');
    assert.equal(kindOf(text, 'Route'), 'term');
    assert.equal(kindOf(text, 'Captain Marlow'), 'term');
    assert.equal(kindOf(text, 'Not Today'), 'quote');
  });

  it('takes the work of its host, author or star for a title, and one named beside its kind', () => {
    const text = paragraphs(
      'She is now host of “The Late Hour with Dana Pike.”',
      'Ferris, the co-author of "Signal Lost," said the era of one newspaper was over.',
      'Studios once used for “The Bake Off” TV show now house the newsroom.',
      'To cap it off, "Red Harbor," a film about dock strikes, opens this week.',
      '"Of course she is open to criticism," Lamont told "Morning Desk," on Friday.',
      'The station added dance hits including "Luna Roja" to the rotation.',
    );
    for (const start of ['The Late Hour', 'Signal Lost', 'The Bake Off', 'Red Harbor', 'Morning Desk', 'Luna Roja']) {
      assert.equal(kindOf(text, start), 'term', start);
    }
    assert.equal(kindOf(text, 'Of course'), 'quote');
  });

  it('keeps the words of a sign that reads them a quotation, not a title', () => {
    const text = paragraphs('The women were wearing badges that read “Vote for Lena.” They were spotted at once.');
    assert.equal(kindOf(text, 'Vote for Lena'), 'quote');
  });

  it('takes a scare quote inside a noun phrase of a sentence that reports no one for a term', () => {
    const text = paragraphs(
      'Meanwhile, the council, local developers and the press pushed the “housing shortage” story.',
      'Only six years earlier, she beat the party’s “insider” candidate for the council.',
      'Engineers studied sites near rail yards and a regional “megahub” depot in Nevada.',
    );
    assert.equal(kindOf(text, 'housing shortage'), 'term');
    assert.equal(kindOf(text, 'insider'), 'term');
    assert.equal(kindOf(text, 'megahub'), 'term');
  });

  it('keeps a phrase in a sentence that reports words, thoughts or judgements, or before a noun of speech, a quotation', () => {
    const text = paragraphs(
      'Marsh accused Dunn of running a “crooked” campaign.',
      'The veteran organiser warned of a “brutal” fight ahead.',
      'Dunn leaned into the “queen of cuts” moniker in an interview.',
    );
    assert.equal(kindOf(text, 'crooked'), 'quote');
    assert.equal(kindOf(text, 'brutal'), 'quote');
    assert.equal(kindOf(text, 'queen of cuts'), 'quote');
  });

  it('reads a verb of judging in either spelling of its doubled consonant, and one that doubles it, as reporting words', () => {
    for (const verb of ['labelled', 'labeled', 'labelling', 'bragged about']) {
      assert.equal(kindOf(`Mayor Ines Duarte ${verb} the party’s “insider” candidate.\n`, 'insider'), 'quote', verb);
    }
    assert.equal(kindOf('Mayor Ines Duarte greeted the party’s “insider” candidate.\n', 'insider'), 'term');
  });

  it('takes words quoted to speak of the words themselves for a term', () => {
    const text = paragraphs(
      'Inspector Hana Roth said the agency marked 14 files as "restricted" and will not publish them. "Restricted" is the strictest tier of access, she said.',
      '“Side-letter” is a legal term for a private addendum, Roth explained.',
    );
    assert.equal(kindOf(text, 'Restricted'), 'term');
    assert.equal(kindOf(text, 'Side-letter'), 'term');
  });

  it('takes a headline in capitals, a button and a label standing alone for terms', () => {
    const text = paragraphs(
      'Morrow will work with whoever wins.',
      '“RECKLESS, COSTLY AND LATE”',
      'Just type your phone number and press “join now.” That is all it takes.',
      '"See also:"',
      'Only 30 percent of those who picked “fair and steady” backed him.',
    );
    assert.equal(kindOf(text, 'RECKLESS'), 'term');
    assert.equal(kindOf(text, 'join now'), 'term');
    assert.equal(kindOf(text, 'See also'), 'term');
    assert.equal(kindOf(text, 'fair and'), 'term');
  });

  it('takes a pseudonym for a term', () => {
    const text = paragraphs('Pruett posted under the pseudonym “Captain Gravy,” but it fooled nobody.');
    assert.equal(kindOf(text, 'Captain Gravy'), 'term');
  });

  it('takes a stage direction for a term inside a transcript’s quotation that runs on', () => {
    const text = paragraphs(
      '"HALE: We will mend our roads and keep our promises, and —.',
      '"(APPLAUSE.)',
      '"MODERATOR: If I may, madam, we are short of time.',
    );
    assert.equal(kindOf(text, '(APPLAUSE'), 'term');
  });
});
