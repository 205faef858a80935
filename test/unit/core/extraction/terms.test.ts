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

  it('takes every title of a list for a title when the list follows a cue of titles', () => {
    const text = paragraphs(
      'Serafinowicz, who’s starred in “Parks and Recreation” and “Guardians of the Galaxy,” posted the clip on Thursday.',
      'Howard had roles in “How the Grinch Stole Christmas,” “Apollo 13,” and “Austin Powers: The Spy Who Shagged Me,” he said.',
      'Voters chanted “Feel the Bern” and “Not Me, Us” as he spoke.',
    );
    assert.equal(kindOf(text, 'Guardians'), 'term');
    assert.equal(kindOf(text, 'Apollo'), 'term');
    assert.equal(kindOf(text, 'Austin Powers'), 'term');
    assert.equal(kindOf(text, 'Not Me'), 'quote');
  });

  it('takes the work of its host, author or star for a title, and one named beside its kind', () => {
    const text = paragraphs(
      'He is now host of “The Nightly Show with Larry Wilmore.”',
      'Hemsley, the co-author of "Going Viral," said the days of one news source were gone.',
      'Offices once used for “The Apprentice” TV show now house the campaign.',
      'To top it off, "Chi-Raq," a movie about Chicago violence, opens this week.',
      '"Of course he is fair game," Fiorina told "Fox and Friends," on Monday.',
      'The band added Latin hits including "La Gozadera" to the playlist.',
    );
    for (const start of ['The Nightly Show', 'Going Viral', 'The Apprentice', 'Chi-Raq', 'Fox and Friends', 'La Gozadera']) {
      assert.equal(kindOf(text, start), 'term', start);
    }
    assert.equal(kindOf(text, 'Of course'), 'quote');
  });

  it('keeps the words of a sign that reads them a quotation, not a title', () => {
    const text = paragraphs('The men were wearing shirts that read “Settle for Hillary.” They were noticed at once.');
    assert.equal(kindOf(text, 'Settle for Hillary'), 'quote');
  });

  it('takes a scare quote inside a noun phrase of a sentence that reports no one for a term', () => {
    const text = paragraphs(
      'In the meantime, the President, Democrat politicians and the media pushed the “gun violence” narrative.',
      'Only six years earlier, he crushed the GOP’s “establishment” candidate to win a seat.',
      'Officials studied sites at military bases and a federal “supermax” prison in Colorado.',
    );
    assert.equal(kindOf(text, 'gun violence'), 'term');
    assert.equal(kindOf(text, 'establishment'), 'term');
    assert.equal(kindOf(text, 'supermax'), 'term');
  });

  it('keeps a phrase in a sentence that reports words, thoughts or judgements, or before a noun of speech, a quotation', () => {
    const text = paragraphs(
      'Clinton accused Sanders of running a “rigged” campaign.',
      'The influential delegate warned of a “ferocious” battle ahead.',
      'Trump doubled down on the “king of debt” moniker in an interview.',
    );
    assert.equal(kindOf(text, 'rigged'), 'quote');
    assert.equal(kindOf(text, 'ferocious'), 'quote');
    assert.equal(kindOf(text, 'king of debt'), 'quote');
  });

  it('takes words quoted to speak of the words themselves for a term', () => {
    const text = paragraphs(
      'The department classified 22 emails as "top secret" and will not release them. "Top secret" is the highest level of classification.',
      '“Non-paper” is a diplomatic term for a discussion draft.',
    );
    assert.equal(kindOf(text, 'Top secret'), 'term');
    assert.equal(kindOf(text, 'Non-paper'), 'term');
  });

  it('takes a headline in capitals, a button and a label standing alone for terms', () => {
    const text = paragraphs(
      'Cameron will work with whoever is elected.',
      '“DIVISIVE, STUPID AND WRONG”',
      'Just enter your email address and click “sign up.” That is all there is to it.',
      '"Related:"',
      'Only 21 percent of those who chose “honest and trustworthy” voted for her.',
    );
    assert.equal(kindOf(text, 'DIVISIVE'), 'term');
    assert.equal(kindOf(text, 'sign up'), 'term');
    assert.equal(kindOf(text, 'Related'), 'term');
    assert.equal(kindOf(text, 'honest and'), 'term');
  });

  it('takes a pseudonym for a term', () => {
    const text = paragraphs('Weiner wrote under the pseudonym “Carlos Danger,” but it did him no good.');
    assert.equal(kindOf(text, 'Carlos Danger'), 'term');
  });

  it('takes a stage direction for a term inside a transcript’s quotation that runs on', () => {
    const text = paragraphs(
      '"PENCE: We will rebuild our military and stand by our Constitution, and —.',
      '"(CROSSTALK.)',
      '"WALLACE: If I may, sir, we have limited time.',
    );
    assert.equal(kindOf(text, '(CROSSTALK'), 'term');
  });
});
