import * as assert from 'node:assert/strict';
import { isMostlyUnknownGlyphs, isUnreadable, joinLines, pageAt, pdfPagesToText, type PdfTextItem } from '../../../../src/core/sources/pdfText';

/** A page written as a PDF lays it out: lines of 10-point text, 12 points apart, from y = 700 down; '' leaves a blank line. */
function page(lines: readonly string[], options: { header?: string; footer?: string; x?: (i: number) => number } = {}): PdfTextItem[] {
  const items: PdfTextItem[] = [];
  if (options.header) items.push({ str: options.header, x: 50, y: 800, width: 200, size: 8, hasEOL: true });
  if (options.footer) items.push({ str: options.footer, x: 300, y: 40, width: 40, size: 8, hasEOL: true });
  let y = 700;
  lines.forEach((line, i) => {
    if (line !== '') items.push({ str: line, x: options.x?.(i) ?? 50, y, width: line.length * 5, size: 10, hasEOL: true });
    y -= 12;
  });
  return items;
}

const paragraphs = (text: string): string[] => text.split('\n\n');

/** Cells drawn one by one, column by column, as report generators draw tables: `rows[r][c]` at column `xs[c]`. */
function tableCells(rows: readonly (readonly string[])[], xs: readonly number[], top: number): PdfTextItem[] {
  const items: PdfTextItem[] = [];
  xs.forEach((x, c) => rows.forEach((row, r) => items.push({ str: row[c], x, y: top - r * 12, width: row[c].length * 5, size: 10, hasEOL: true })));
  return items;
}

describe('PDF text', () => {
  it('joins the lines of a paragraph and parts paragraphs at the space between them', () => {
    const { text } = pdfPagesToText([page([
      'The council shall publish a register of the datasets it holds within six months of',
      'the adoption of this policy, and keep it up to date.',
      '',
      'Every dataset shall have a named owner in the department that collects it, who answers',
      'for its quality.',
    ])]);
    assert.deepEqual(paragraphs(text), [
      'The council shall publish a register of the datasets it holds within six months of the adoption of this policy, and keep it up to date.',
      'Every dataset shall have a named owner in the department that collects it, who answers for its quality.',
    ]);
  });

  it('starts a paragraph at a first-line indent and at a numbered provision', () => {
    const { text } = pdfPagesToText([page([
      'Datasets shall be released under an open licence unless one of these applies:',
      '(a) the dataset contains personal data;',
      '(b) release would breach a duty of confidence.',
      'Where an exception applies, the register shall say which one and the council shall',
      'publish its reasons.',
      'The register is reviewed every year by the data officer together with the committee',
      'responsible.',
    ], { x: (i) => (i === 5 ? 70 : 50) })]);
    assert.deepEqual(paragraphs(text), [
      'Datasets shall be released under an open licence unless one of these applies:',
      '(a) the dataset contains personal data;',
      '(b) release would breach a duty of confidence.',
      'Where an exception applies, the register shall say which one and the council shall publish its reasons.',
      'The register is reviewed every year by the data officer together with the committee responsible.',
    ]);
  });

  it('reads a table drawn column by column row by row, as one paragraph between the text around it', () => {
    const read = pdfPagesToText([[
      { str: 'Checks rose in every state but one during the month of November.', x: 50, y: 720, width: 320, size: 10, hasEOL: true },
      ...tableCells([['Alabama', '18,870', '23,022'], ['Alaska', '209', '3,062'], ['District of Columbia', '8', '54']], [50, 200, 260], 700),
      { str: 'the totals include permits.', x: 50, y: 640, width: 140, size: 10, hasEOL: true },
    ]]);
    assert.deepEqual(paragraphs(read.text), [
      'Checks rose in every state but one during the month of November.',
      'Alabama 18,870 23,022\nAlaska 209 3,062\nDistrict of Columbia 8 54',
      'the totals include permits.',
    ]);
    assert.deepEqual(read.tables.map((t) => read.text.slice(t.start, t.end)), ['Alabama 18,870 23,022\nAlaska 209 3,062\nDistrict of Columbia 8 54']);
  });

  it('reads a table printed twice side by side one copy after the other', () => {
    const titles = ['At least', 'Less than', 'Your tax', 'At least', 'Less than', 'Your tax'];
    const read = pdfPagesToText([[
      ...titles.map((str, c) => ({ str, x: 50 + c * 60, y: 712, width: 40, size: 10, hasEOL: true })),
      ...tableCells([['5,000', '5,050', '503', '8,000', '8,050', '813'], ['5,050', '5,100', '508', '8,050', '8,100', '818'], ['5,100', '5,150', '513', '8,100', '8,150', '823']], [50, 110, 170, 230, 290, 350], 700),
    ]]);
    assert.equal(read.text, [
      'At least Less than Your tax', '5,000 5,050 503', '5,050 5,100 508', '5,100 5,150 513',
      'At least Less than Your tax', '8,000 8,050 813', '8,050 8,100 818', '8,100 8,150 823',
    ].join('\n'));
  });

  it('reads a figure standing over a block of rows with the row below it, not as a row of its own', () => {
    const titles = ['At least', 'Less than', 'Your tax', 'At least', 'Less than', 'Your tax'];
    const read = pdfPagesToText([[
      ...titles.map((str, c) => ({ str, x: 50 + c * 60, y: 724, width: 40, size: 10, hasEOL: true })),
      ...['5,000', '8,000'].map((str, k) => ({ str, x: 50 + k * 180, y: 712, width: 25, size: 10, hasEOL: true })),
      ...tableCells([['5,000', '5,050', '503', '8,000', '8,050', '813'], ['5,050', '5,100', '508', '8,050', '8,100', '818'], ['5,100', '5,150', '513', '8,100', '8,150', '823']], [50, 110, 170, 230, 290, 350], 700),
    ]]);
    assert.equal(read.text, [
      'At least Less than Your tax', '5,000 5,000 5,050 503', '5,050 5,100 508', '5,100 5,150 513',
      'At least Less than Your tax', '8,000 8,000 8,050 813', '8,050 8,100 818', '8,100 8,150 823',
    ].join('\n'));
  });

  it('reads column titles printed over several lines as one row of titles', () => {
    const title = (str: string, x: number, y: number): PdfTextItem => ({ str, x, y, width: str.length * 4, size: 8, hasEOL: true });
    const read = pdfPagesToText([[
      title('At', 50, 728), title('But', 110, 728), title('Single', 170, 728), title('Married', 230, 728),
      title('least', 50, 720), title('less', 110, 720), title('filing', 230, 720),
      title('than', 110, 712), title('separately', 230, 712),
      ...tableCells([['5,000', '5,050', '503', '503'], ['5,050', '5,100', '508', '508'], ['5,100', '5,150', '513', '513']], [50, 110, 170, 230], 700),
    ]]);
    assert.equal(read.text, ['At least But less than Single Married filing separately', '5,000 5,050 503 503', '5,050 5,100 508 508', '5,100 5,150 513 513'].join('\n'));
  });

  it('leaves words in lower case above a table that stand under no title out of its titles', () => {
    const title = (str: string, x: number, y: number): PdfTextItem => ({ str, x, y, width: str.length * 4, size: 8, hasEOL: true });
    const read = pdfPagesToText([[
      title('At', 50, 720), title('But', 110, 720),
      title('least', 170, 712),
      ...tableCells([['5,000', '5,050', '503'], ['5,050', '5,100', '508'], ['5,100', '5,150', '513']], [50, 110, 170], 700),
    ]]);
    assert.ok(!read.text.includes('At least'));
    assert.ok(read.text.includes('5,000 5,050 503\n5,050 5,100 508'));
  });

  it('makes no table of a figure that ends a line beside another column of text, nor of an index', () => {
    const read = pdfPagesToText([[
      { str: 'The board raised its fees for the year', x: 50, y: 700, width: 200, size: 10, hasEOL: true },
      { str: '2021.', x: 50, y: 688, width: 25, size: 10, hasEOL: true },
      { str: 'The trust answered that the fees', x: 300, y: 700, width: 200, size: 10, hasEOL: true },
      { str: 'were too high for small boats.', x: 300, y: 688, width: 200, size: 10, hasEOL: true },
      ...tableCells([['harbours, 12, 40', '214–18, 219'], ['Hawthorne, Nathaniel, 213', '125–26, 130']], [50, 300], 660),
    ]]);
    assert.deepEqual(read.tables, []);
  });

  it('puts a space where words are placed apart without one', () => {
    const items: PdfTextItem[] = [];
    let x = 50;
    for (const word of ['holds', 'it,', 'how', 'often']) {
      items.push({ str: word, x, y: 700, width: word.length * 5, size: 10, hasEOL: false });
      x += word.length * 5 + 3;
    }
    // Kerned pieces of one word touch: no space between them.
    items.push({ str: 'chan', x, y: 700, width: 20, size: 10, hasEOL: false }, { str: 'ges.', x: x + 20.2, y: 700, width: 20, size: 10, hasEOL: true });
    assert.equal(pdfPagesToText([items]).text, 'holds it, how often changes.');
  });

  it('joins a word hyphenated at a line end, but keeps the hyphen of a word the text hyphenates elsewhere', () => {
    const { text } = pdfPagesToText([page([
      'The council shall publish its long-term plan and the reasons for withholding any dataset. It shall pub-',
      'lish them together with the long-',
      'term plan.',
    ])]);
    assert.equal(text, 'The council shall publish its long-term plan and the reasons for withholding any dataset. It shall publish them together with the long-term plan.');
    assert.equal(joinLines('a soft\u00adhy\u00ad', 'phen'), 'a soft\u00adhyphen');
    assert.equal(joinLines('ends with a dash -', 'and goes on'), 'ends with a dash - and goes on');
    assert.equal(joinLines('shares of Glaxo-', 'SmithKline fell'), 'shares of Glaxo-SmithKline fell');
    assert.equal(joinLines('the order of AD 2018–', '23–51'), 'the order of AD 2018–23–51');
    assert.equal(joinLines('published at https://', 'www.example.org'), 'published at https://www.example.org');
    assert.equal(joinLines('the plan—', 'or most of it'), 'the plan—or most of it');
    assert.equal(joinLines('a pause —', 'then more'), 'a pause — then more');
    assert.equal(joinLines('the acido', 'basique balance', new Set(['acido-basique']), new Map([['acido', 1], ['basique', 1]])), 'the acido-basique balance');
    assert.equal(joinLines('any', 'one of them', new Set(), new Map([['any', 4], ['one', 9], ['anyone', 2]])), 'any one of them');
    assert.equal(joinLines('第五条　電信業務經營者不得', '擅自建立或租用專線。'), '第五条　電信業務經營者不得擅自建立或租用專線。');
    assert.equal(joinLines('said Declan Mc-', 'Cullagh of the paper'), 'said Declan McCullagh of the paper');
    assert.equal(joinLines('an Anglo-', 'Saxon charter'), 'an Anglo-Saxon charter');
    assert.equal(joinLines('Crazie Overstock, LLC, 2021-', 'NCSC-57, ¶ 23.'), 'Crazie Overstock, LLC, 2021-NCSC-57, ¶ 23.');
    assert.equal(joinLines('an approximately 10,000-', 'square-foot church'), 'an approximately 10,000-square-foot church');
  });

  it('leaves out running headers, footers and page numbers, and keeps the pages apart', () => {
    const pages = [1, 2, 3].map((n) => page([`Article ${n}`, `The text of article ${n} is a sentence of its own that ends here.`], { header: 'Harbourside Council · Open Data Policy', footer: `Page ${n} of 3` }));
    const { text, pageStarts } = pdfPagesToText(pages);
    assert.doesNotMatch(text, /Harbourside|Page \d/);
    assert.equal(pageStarts.length, 3);
    assert.ok(text.slice(pageStarts[1]).startsWith('Article 2'));
    assert.ok(text.slice(pageStarts[2]).startsWith('Article 3'));
    assert.equal(pageAt(pageStarts, text.indexOf('article 2')), 2);
  });

  it('reads the number printed on each page from its running lines, when it follows the pages', () => {
    // A journal article printed on pages 125–128: the footer's number is not the page's count.
    const article = [1, 2, 3, 4].map((n) => page([`Paragraph ${n} is a sentence of its own that ends here.`], { header: `Journal of Harbours 12 (2001) ${124 + n}–140`, footer: String(124 + n) }));
    assert.deepEqual(pdfPagesToText(article).printedPages, ['125', '126', '127', '128']);
    // A report with an unnumbered cover: its pages 1–3 are the file's 2–4.
    const report = [page(['Annual report of the harbour board.']), ...[1, 2, 3].map((n) => page([`Section ${n} is a sentence of its own that ends here.`], { footer: `Page ${n}` }))];
    assert.deepEqual(pdfPagesToText(report).printedPages, [undefined, '1', '2', '3']);
    // Numbered as counted, or not numbered at all: nothing to tell.
    assert.equal(pdfPagesToText([1, 2, 3].map((n) => page([`Text ${n} is a sentence of its own that ends here.`], { footer: `Page ${n} of 3` }))).printedPages, undefined);
    assert.equal(pdfPagesToText([1, 2, 3].map((n) => page([`Text ${n} is a sentence of its own that ends here.`]))).printedPages, undefined);
    // A court filing: "Page 2 of 4" is the page, not the count 4, the case number or the docket's page ID.
    const filing = [1, 2, 3, 4].map((n) => page([`Paragraph ${n} is a sentence of its own that ends here.`], { header: `Case 8:16-cv-01261 Document 40 Filed 08/05/16 Page ${n} of 4 Page ID #:${364 + n}` }));
    assert.equal(pdfPagesToText(filing).printedPages, undefined);
    // A book whose file leaves out its blank pages: the numbers jump, and each page keeps its own.
    const book = [3, 4, 5, 8, 9, 10].map((n) => page([`Page text ${n} is a sentence of its own that ends here.`], { footer: String(n) }));
    assert.deepEqual(pdfPagesToText(book).printedPages, ['3', '4', '5', '8', '9', '10']);
  });

  it('leaves out a footer that the first page draws lower than the others, but keeps a title that repeats the running header in larger type', () => {
    const pages = [1, 2, 3, 4].map((n) => page([`Paragraph ${n} is a sentence of its own that ends here.`], { header: 'Summaries of Query Logs', footer: 'Read the disclosures at the end of this note' }));
    // The first page: the title in large type where the header stands on other pages, and the footer lower down.
    pages[0] = [
      { str: 'Summaries of Query Logs', x: 50, y: 760, width: 300, size: 14, hasEOL: true },
      ...page(['Paragraph 1 is a sentence of its own that ends here.']),
      { str: 'Read the disclosures at the end of this note', x: 300, y: 25, width: 200, size: 8, hasEOL: true },
    ];
    const { text } = pdfPagesToText(pages);
    assert.doesNotMatch(text, /disclosures/);
    assert.deepEqual(paragraphs(text), ['Summaries of Query Logs', ...[1, 2, 3, 4].map((n) => `Paragraph ${n} is a sentence of its own that ends here.`)]);
  });

  it('leaves out a running footer whose words change from section to section, where the other pages hold theirs, and keeps a heading of the same words', () => {
    const booklet = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const items = page([...(n === 7 ? ['Glossary'] : []), `Paragraph ${n} is a sentence of its own that ends here.`]);
      // Odd pages name their section at the foot on the right; even pages name the publisher on the left.
      if (n % 2 === 1) items.push({ str: n <= 5 ? 'Diagnosis' : 'Glossary', x: 300, y: 30, width: 40, size: 7, hasEOL: true });
      else items.push({ str: 'Harbour Council', x: 50, y: 30, width: 60, size: 7, hasEOL: true });
      return items;
    });
    const { text } = pdfPagesToText(booklet);
    assert.doesNotMatch(text, /Diagnosis|Harbour/);
    assert.equal(text.match(/Glossary/g)?.length, 1);
    assert.ok(text.includes('Glossary\n\nParagraph 7'));
  });

  it('leaves out a page number drawn on the baseline of a heading line the other pages do not repeat, where the other pages show theirs', () => {
    const heading = (n: number, words: string): PdfTextItem[] => [
      // The words stand a hair higher than the number, so a page is read from them first.
      { str: words, x: 50, y: 800.02, width: 150, size: 9, hasEOL: false },
      { str: String(n), x: 450, y: 800, width: 5, size: 9, hasEOL: true },
    ];
    const opinion = [1, 2, 3, 4].map((n) => [...heading(n, n === 1 ? '(Slip Opinion) OCTOBER TERM, 2012' : 'Opinion of the Court'), ...page([`Paragraph ${n} is a sentence of its own that ends here.`])]);
    const { text, printedPages } = pdfPagesToText(opinion);
    assert.doesNotMatch(text, /^\d$/m);
    assert.ok(text.startsWith('(Slip Opinion) OCTOBER TERM, 2012'));
    assert.equal(printedPages, undefined);
    // A contents page: its numbers stand beside the chapters, not where the pages show theirs.
    const contents = [...page(['Chapter Six: Founders', 'Chapter Seven: Recorders']), { str: '81', x: 450, y: 700, width: 10, size: 10, hasEOL: true }];
    assert.match(pdfPagesToText([contents, ...opinion.slice(1)]).text, /\b81\b/);
  });

  it('writes a word set in small capitals whole, where the page puts an empty run between its two sizes', () => {
    const items: PdfTextItem[] = [
      { str: 'J', x: 50, y: 700, width: 6, size: 11, hasEOL: false },
      { str: ' ', x: 56, y: 700, width: 0, size: 0, hasEOL: false },
      { str: 'USTICE', x: 56, y: 700, width: 35, size: 9, hasEOL: false },
      { str: ' ', x: 91, y: 700, width: 0.2, size: 0, hasEOL: false },
      { str: 'S', x: 93.6, y: 700, width: 7, size: 11, hasEOL: false },
      { str: 'OTOMAYOR delivered the opinion of the Court.', x: 100.6, y: 700, width: 200, size: 9, hasEOL: true },
    ];
    assert.equal(pdfPagesToText([items]).text, 'JUSTICE SOTOMAYOR delivered the opinion of the Court.');
  });

  it('keeps a line that only repeats on a few pages', () => {
    const pages = [
      page(['Summary', 'The policy applies to every department of the council.'], { footer: '1' }),
      page(['Summary', 'A second summary of what the council will publish.'], { footer: '2' }),
      page(['Article 1', 'The text of the first article of this policy.'], { footer: '3' }),
      page(['Article 2', 'The text of the second article of this policy.'], { footer: '4' }),
      page(['Article 3', 'The text of the third article of this policy.'], { footer: '5' }),
    ];
    const { text } = pdfPagesToText(pages);
    assert.equal(text.match(/Summary/g)?.length, 2);
    assert.doesNotMatch(text, /^\d$/m);
  });

  it('writes a paragraph cut by a page break whole on the page where it starts', () => {
    const { text, pageStarts } = pdfPagesToText([
      page(['Where an exception applies, the council shall publish the date on which the decision', 'will next be reviewed by the data']),
      page(['officer and the committee responsible.', '', 'Article 5']),
    ]);
    assert.deepEqual(paragraphs(text), ['Where an exception applies, the council shall publish the date on which the decision will next be reviewed by the data officer and the committee responsible.', 'Article 5']);
    assert.equal(pageAt(pageStarts, 0), 1);
    assert.equal(pageAt(pageStarts, text.indexOf('Article 5')), 2);
  });

  it('goes on with a paragraph cut by a page break past the footnotes in smaller type at the foot of the page, and never into a footnote', () => {
    const body = (str: string, y: number): PdfTextItem => ({ str, x: 50, y, width: str.length * 5, size: 12, hasEOL: true });
    const note = (str: string, y: number): PdfTextItem => ({ str, x: 50, y, width: str.length * 4, size: 11, hasEOL: true });
    const { text } = pdfPagesToText([
      [
        body('The court applied the test it set out in Crazie Overstock, LLC, 2021-', 700),
        note('3 Indeed, operators may disable the feature or not stock the machine.', 600),
        note('4 The same holds for the older machines.', 586),
      ],
      [body('NCSC-57, ¶ 23, and held that chance controls the game.', 700)],
    ]);
    assert.deepEqual(paragraphs(text), [
      'The court applied the test it set out in Crazie Overstock, LLC, 2021-NCSC-57, ¶ 23, and held that chance controls the game.',
      '3 Indeed, operators may disable the feature or not stock the machine.',
      '4 The same holds for the older machines.',
    ]);
  });

  it('counts an empty page, so later pages keep their numbers', () => {
    const { text, pageStarts } = pdfPagesToText([page(['First page text that ends here.']), [], page(['Third page text that ends here.'])]);
    assert.equal(pageAt(pageStarts, text.indexOf('Third')), 3);
  });

  it('reads columns drawn line by line across the page column by column, joining the paragraph that goes on in the next column', () => {
    const left = ['The council shall publish a register of its', 'datasets within six months, and shall keep', 'the register up to date, in a form that', 'anyone can read, as datasets'];
    const right = ['are added or withdrawn by any of its', 'departments.', '', 'Every dataset shall have an owner.'];
    const items: PdfTextItem[] = [];
    for (let i = 0; i < 4; i++) {
      if (left[i]) items.push({ str: left[i], x: 50, y: 700 - i * 12, width: 200, size: 10, hasEOL: false });
      if (right[i]) items.push({ str: right[i], x: 300, y: 700 - i * 12, width: right[i].length * 5, size: 10, hasEOL: true });
    }
    assert.deepEqual(paragraphs(pdfPagesToText([items]).text), [
      'The council shall publish a register of its datasets within six months, and shall keep the register up to date, in a form that anyone can read, as datasets are added or withdrawn by any of its departments.',
      'Every dataset shall have an owner.',
    ]);
  });

  it('leaves out line numbers in the margin, standing at the same place on every page', () => {
    const bodies = [
      ['The order stands until the court lifts it, and the parties', 'shall comply with it in full.'],
      ['Counsel for the defendant asked for more time to file', 'the answer, which the court granted.'],
      ['Nothing in this order limits the rights of third parties', 'who were not heard.'],
    ];
    const numbered = (lines: string[]): PdfTextItem[] => [
      ...[1, 2, 3].map((k) => ({ str: String(k), x: 20, y: 712 - k * 12, width: 5, size: 10, hasEOL: true })),
      ...page(lines),
    ];
    const { text } = pdfPagesToText(bodies.map(numbered));
    assert.doesNotMatch(text, /(?:^|\s)[123](?:\s|$)/);
    assert.deepEqual(paragraphs(text), bodies.map((b) => b.join(' ')));
  });

  it('tells text from pages that are not text: control characters, or OCR of a poor scan or of another script', () => {
    const english = 'The council shall publish a register of the datasets it holds within six months of the adoption of this policy, and the register shall name the department that holds each one, how often it changes, and whether it can be released in full or only in part.';
    assert.equal(isUnreadable([english]), false);
    assert.equal(isUnreadable(['Pour un ensemble de références R, on définit la couverture cover(R) = {f1, …, fn} et la précision p = 2 × r / (p + r) de la requête q1 sur le cube C2.']), false);
    assert.equal(isUnreadable([english.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 96))]), true);
    assert.equal(isUnreadable(['A l e t t e r from the Aaalggfitted fc-ugsx Company eecepting 3s«»teership and enclosing t h e i r cheek, and executed contracts* (te) A l e t t e r froas Calif&rr-.la. and Hawaiian Sugar defining Corporation, l t d , accepting aieiabership']), true);
    assert.equal(isUnreadable(['CyMMa Toprosoro c6opa, 4>aKTI!I"\'eCKIII ynna"\'eHHaH B Te"\'eHI!Ie Hanorosoro (OT"\'eTHoro) nepi!IO.Qa (HapacTaiOIJ.IIIIM IIITOroM): B Te4eHHe nepsoro KB8PT8n8 B T848Hl-18 nonyrO,[IHH B T848Hl-18 ,[18BHTH M8CHL\\8B B Te4eHHe H8norosoro nep!-10,[18 CyMMa ynna"\'eHHoro Toprosoro c6opa']), true);
  });

  it('knows a passage made mostly of glyphs the PDF gives no text for (a figure label, a formula), and lets real text through', () => {
    assert.equal(isMostlyUnknownGlyphs('{exp(−k\u0002) max'), true);
    assert.equal(isMostlyUnknownGlyphs('DP Γ\u00033 iDP iDP 0.15'), true);
    assert.equal(isMostlyUnknownGlyphs('\uE001 \uE002 \uE003 axis'), true);
    assert.equal(isMostlyUnknownGlyphs('\uFFFD\uFFFD\uFFFD'), true);
    for (const text of [
      'Article 3. The council said “no”.', '第三条 网络运营者应当', 'ε-differential privacy with γ = 2', 'line one\nline two\tend',
      '\uF0B7 Executive Order 14, issued on March 18, prohibited gatherings of more than ten people.',
      'Theorem 2 (Parallel composition). Let κ1 and κ2 be randomized functions giving \u0002-DP.',
    ]) {
      assert.equal(isMostlyUnknownGlyphs(text), false, text);
    }
  });
});
