#!/usr/bin/env node
/**
 * Scores Verbatim's quotation extraction and speaker attribution on PolNeAR.
 *
 * Reads the PolNeAR train/dev splits from ../shared/corpus/polnear beside the repository
 * (see ../shared/corpus/README.md, section "polnear/", whose scoring definition this script
 * implements). That corpus is not shipped with the project, so this script is a benchmark
 * for developers and is NOT part of the default test command.
 *
 *   node scripts/eval-polnear.mjs [--split dev|train] [--corpus DIR] [--json] [--errors N]
 *                                 [--cli PATH | --predictions FILE.json | --baseline regex]
 *                                 [--show-gold N]
 *
 * Predictions come from `node dist/cli.js index SPLIT/text --json` (one call per split), from
 * a saved copy of that output (--predictions), or from a naive regex baseline (--baseline
 * regex) that serves as a sanity check of the gold derivation. Exit status: 0 on success,
 * 1 on a usage or prediction error, 2 when the corpus is absent.
 *
 * Gold derivation (decisions, checked against the train annotations):
 *
 * - One annotation file per article: several articles were annotated by up to six
 *   annotators; the first NAME_ANNOTATOR.ann in sorted (code unit) order is used.
 * - Offsets: brat offsets count Unicode code points (brat is Python); they are converted to
 *   UTF-16 code units (JavaScript string indices), the unit of the CLI's offsets. The corpus
 *   has no character outside the BMP today, so the two agree, but the conversion is cheap.
 * - Paragraphs are delimited by newlines. Most articles separate paragraphs with a blank
 *   line, but some (Huffington Post especially) use a single newline, and a single newline
 *   inside a paragraph (a hard wrap) is very rare, so any newline ends a paragraph. (A
 *   quotation hard-wrapped across lines is thus cut at the line end; there are a handful.)
 * - Quotation marks are the double ones: “ ” and the straight ". Single marks ‘ ’ and ' are
 *   not: they nest inside a double-quoted quotation (whose text then includes them) or
 *   stand in headlines; outside headlines the two splits hold 24 top-level ‘…’ pairs (14
 *   inside a Content span) against about 8,000 double-quoted ones, and ’ is overwhelmingly
 *   an apostrophe. Marks inside markup tags (<tweet author="..."> and the like) are ignored.
 * - Marks are paired per paragraph by their position, not only their glyph, because
 *   articles mix and misuse them: “…" and "…” pairs, a paragraph opening with ” instead
 *   of “, “ used as a closing mark (`her here,“ said`). A mark preceded by a space (or a
 *   paragraph start, bracket, dash, quote mark) and followed by a non-space opens; a mark
 *   preceded by a non-space and followed by a space or punctuation closes; otherwise its
 *   glyph decides (“ opens, ” closes, " closes if a quotation is open). Openings nest, and
 *   only outermost pairs are quotations. A closing mark with no open quotation is taken
 *   for a mistyped opening mark when the next mark in the paragraph closes too
 *   (`He says,” there are … to.”`), and is ignored otherwise. A quotation still open at
 *   the end of the paragraph runs to the paragraph's end: that is the convention for a
 *   quotation that continues in the next paragraph, whose own opening mark starts a new
 *   quotation there (Breitbart also opens each paragraph of a block quotation with a
 *   straight " that it never closes).
 * - The gold span is the text inside the marks (marks excluded), trimmed of whitespace.
 *   Nested marks stay part of the outer quotation's text.
 * - Such a quotation is gold when at least half of it lies inside the Content span(s) of
 *   one attribution. Pairing marks over the whole paragraph first and only then looking at
 *   Content makes the result independent of whether an annotator's Content span includes
 *   or excludes the marks, and of discontinuous Content spans (`“I think,” he said, “we
 *   win.”` gives two quotations with one speaker). Coverage is bimodal in practice (on
 *   train, 93% of pairs are covered at least 90%, 7% less than 10%, 20 pairs in between),
 *   so the 50% threshold is not delicate. The uncovered pairs are mostly titles and scare
 *   quotes outside any Content, and some quotations the annotator left out. Conversely,
 *   a title or scare quote inside a Content span (`reserved his most eloquent passion for
 *   the … cause of “comprehensive immigration reform.”`) is a gold quotation.
 * - The speaker is the Source span of the attribution covering most of the quotation;
 *   between equally covering attributions (nested ones) the one with the shortest Content
 *   wins, i.e. the innermost. Attributions without a source (Attribution-no-source) give
 *   quotations without a speaker, which count for extraction but not for attribution.
 *
 * Scoring (the contract in the corpus README):
 *
 * - extraction: a predicted passage of kind "quote" matches a gold quotation of the same
 *   article when their spans' intersection over union is at least 0.8; matching is
 *   one-to-one, greedy by decreasing IoU. Precision, recall and F1 over all quote passages.
 * - attribution: of the matched gold quotations that have a Source span, the share whose
 *   predicted speakerMention overlaps the Source span, or whose predicted speaker's last
 *   word equals the Source span's last word (case-insensitive, punctuation and possessive
 *   's stripped).
 *
 * Sanity check: the regex baseline (every “…" pair within a paragraph; speaker the name or
 * he/she/they next to "said" nearest to it) scores F1 0.943 on dev and 0.942 on train
 * (precision 0.92/0.90, recall 0.97/0.99), attribution 0.446 on dev and 0.438 on train.
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CORPUS = path.resolve(REPO_ROOT, '../shared/corpus/polnear');
const DEFAULT_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

const MATCH_IOU = 0.8;
const MIN_CONTENT_COVERAGE = 0.5;
const CONTEXT_CHARS = 70;

const USAGE = `usage: node scripts/eval-polnear.mjs [options]
  --split dev|train        split to score (default dev)
  --corpus DIR             PolNeAR folder (default ../shared/corpus/polnear beside the repo)
  --cli PATH               Verbatim CLI to run (default dist/cli.js)
  --predictions FILE       score a saved \`cli.js index --json\` output instead of running the CLI
  --baseline regex         score the naive regex baseline instead of the CLI
  --errors N               list N false positives, N false negatives and N wrong attributions
  --show-gold N            list N gold quotations spread over the split, then stop
  --json                   print the results as JSON`;

function main() {
  const options = readOptions();
  const articles = loadSplit(options.corpus, options.split);

  if (options.showGold > 0) {
    printGoldSample(articles, options.showGold);
    return;
  }

  const { label, byArticle } = loadPredictions(options, articles);
  const result = score(articles, byArticle);
  const report = {
    split: options.split,
    corpus: options.corpus,
    predictions: label,
    articles: articles.length,
    ...result.summary,
  };

  if (options.json) {
    const errors = options.errors > 0 ? errorSamples(result, options.errors) : undefined;
    console.log(JSON.stringify({ ...report, errors }, null, 2));
  } else {
    printReport(report);
    if (options.errors > 0) printErrors(errorSamples(result, options.errors));
  }
}

// ---------------------------------------------------------------------------------------
// Options

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        split: { type: 'string', default: 'dev' },
        corpus: { type: 'string', default: DEFAULT_CORPUS },
        cli: { type: 'string', default: DEFAULT_CLI },
        predictions: { type: 'string' },
        baseline: { type: 'string' },
        errors: { type: 'string', default: '0' },
        'show-gold': { type: 'string', default: '0' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!['dev', 'train'].includes(values.split)) fail(`--split must be dev or train\n${USAGE}`);
  if (values.baseline !== undefined && values.baseline !== 'regex') {
    fail(`--baseline only knows "regex"\n${USAGE}`);
  }
  if (values.baseline !== undefined && values.predictions !== undefined) {
    fail(`--baseline and --predictions exclude each other\n${USAGE}`);
  }
  return {
    split: values.split,
    corpus: path.resolve(values.corpus),
    cli: path.resolve(values.cli),
    predictions: values.predictions && path.resolve(values.predictions),
    baseline: values.baseline,
    errors: count(values.errors, '--errors'),
    showGold: count(values['show-gold'], '--show-gold'),
    json: values.json,
  };
}

function count(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${name} takes a whole number, not "${value}"`);
  return n;
}

/** A path relative to the repository when inside it, absolute otherwise. */
function displayPath(file) {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function fail(message, status = 1) {
  console.error(`eval-polnear: ${message}`);
  process.exit(status);
}

// ---------------------------------------------------------------------------------------
// Corpus

/** Every annotated article of a split, with its text and gold quotations. */
export function loadSplit(corpus, split) {
  const textDir = path.join(corpus, split, 'text');
  const annDir = path.join(corpus, split, 'attributions');
  if (!fs.existsSync(textDir) || !fs.existsSync(annDir)) {
    fail(`PolNeAR corpus not found: looked for ${textDir} and ${annDir} (use --corpus DIR)`, 2);
  }

  const annotationFiles = new Map(); // article name -> first .ann file in sorted order
  for (const file of fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort()) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!annotationFiles.has(name)) annotationFiles.set(name, file);
  }

  const articles = [];
  for (const file of fs.readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort()) {
    const name = file.slice(0, -'.txt'.length);
    const annotationFile = annotationFiles.get(name);
    if (!annotationFile) continue;
    const text = fs.readFileSync(path.join(textDir, file), 'utf8');
    const attributions = parseBrat(fs.readFileSync(path.join(annDir, annotationFile), 'utf8'), text);
    articles.push({ name, file, text, annotationFile, gold: deriveGold(text, attributions) });
  }
  return articles;
}

/**
 * The attributions of a brat file: each one's Content ranges and Source ranges (null when
 * it has no source), as [start, end) UTF-16 offsets into `text`.
 */
function parseBrat(source, text) {
  const toUtf16 = codePointToUtf16(text);
  const spans = new Map();
  const events = [];
  for (const line of source.split('\n')) {
    const span = /^(T\d+)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (span) {
      const ranges = span[3].split(';').map((range) => {
        const [start, end] = range.trim().split(/\s+/).map(Number);
        return [toUtf16(start), toUtf16(end)];
      });
      spans.set(span[1], ranges);
      continue;
    }
    const event = /^E\d+\t(.+)$/.exec(line); // E4\tAttribution:T15 Cue:T14 Source:T13 Content:T12
    if (event) {
      events.push(Object.fromEntries(event[1].trim().split(/\s+/).map((arg) => arg.split(':'))));
    }
    // Other lines: A/#/R annotations, and continuation lines of span texts with newlines.
  }
  return events
    .map((roles) => ({
      content: spans.get(roles.Content) ?? [],
      source: spans.get(roles.Source) ?? null,
    }))
    .filter((attribution) => attribution.content.length > 0);
}

/** Maps a code point index of `text` to its UTF-16 index. */
function codePointToUtf16(text) {
  if (!/[\u{10000}-\u{10FFFF}]/u.test(text)) return (index) => index;
  const offsets = [];
  let unit = 0;
  for (const char of text) {
    offsets.push(unit);
    unit += char.length;
  }
  offsets.push(unit);
  return (index) => offsets[Math.min(index, offsets.length - 1)];
}

// ---------------------------------------------------------------------------------------
// Quotation marks and gold quotations

const DOUBLE_MARK = /[“”"]/;
const BEFORE_OPENING = /[\s([{\-–—/“”"'‘’]/;
const AFTER_CLOSING = /[\s.,;:!?()[\]{}\-–—…'‘’“”"]/;
const MARKUP_TAG = /<\/?[a-zA-Z][^<>]*>/g;

/**
 * The quotations of a text: spans inside paired double quotation marks, paired per
 * paragraph (see the header comment), trimmed of whitespace. `closed` is false for a
 * quotation that runs to the end of its paragraph without a closing mark.
 */
function findQuotations(text) {
  const inMarkup = new Uint8Array(text.length);
  for (const tag of text.matchAll(MARKUP_TAG)) inMarkup.fill(1, tag.index, tag.index + tag[0].length);

  const quotations = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    const start = paragraph.index;
    const end = start + paragraph[0].length;
    const marks = [];
    for (let i = start; i < end; i++) {
      if (DOUBLE_MARK.test(text[i]) && !inMarkup[i]) {
        marks.push({ at: i, role: markRole(text, i, start, end) });
      }
    }
    quotations.push(...pairMarks(marks, end));
  }
  return quotations.map((q) => trimSpan(text, q)).filter((q) => q.end > q.start);
}

/** The outermost quotations delimited by one paragraph's marks; `end` is the paragraph's. */
function pairMarks(marks, end) {
  const quotations = [];
  let depth = 0;
  let openedAt = -1;
  marks.forEach((mark, k) => {
    const role = mark.role === 'either' ? (depth > 0 ? 'close' : 'open') : mark.role;
    if (role === 'open') {
      if (depth++ === 0) openedAt = mark.at;
    } else if (depth > 0) {
      if (--depth === 0) quotations.push({ start: openedAt + 1, end: mark.at, closed: true });
    } else if (k + 1 < marks.length && marks[k + 1].role !== 'open') {
      openedAt = mark.at; // a stray closing mark before another closing one: a mistyped “
      depth = 1;
    }
  });
  if (depth > 0) quotations.push({ start: openedAt + 1, end, closed: false });
  return quotations;
}

/** Whether the mark at `i` opens or closes a quotation, judged by its neighbours. */
function markRole(text, i, paragraphStart, paragraphEnd) {
  const before = i > paragraphStart ? text[i - 1] : null;
  const after = i + 1 < paragraphEnd ? text[i + 1] : null;
  const canOpen = after !== null && !/\s/.test(after) && (before === null || BEFORE_OPENING.test(before));
  const canClose = before !== null && !/\s/.test(before) && (after === null || AFTER_CLOSING.test(after));
  if (canOpen && !canClose) return 'open';
  if (canClose && !canOpen) return 'close';
  if (text[i] === '“') return 'open';
  if (text[i] === '”') return 'close';
  return 'either';
}

function trimSpan(text, span) {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { ...span, start, end };
}

/** Quotations at least half inside an attribution's Content, with that attribution's Source. */
function deriveGold(text, attributions) {
  const gold = [];
  for (const quotation of findQuotations(text)) {
    let best = null;
    for (const attribution of attributions) {
      const coverage = overlapLength(quotation, attribution.content) / (quotation.end - quotation.start);
      const size = attribution.content.reduce((sum, [s, e]) => sum + e - s, 0);
      if (!best || coverage > best.coverage || (coverage === best.coverage && size < best.size)) {
        best = { coverage, size, source: attribution.source };
      }
    }
    if (best && best.coverage >= MIN_CONTENT_COVERAGE) {
      const { start, end, closed } = quotation;
      gold.push({ start, end, closed, source: best.source });
    }
  }
  return gold;
}

/** Characters of `span` inside any of `ranges` ([start, end) pairs, not overlapping). */
function overlapLength(span, ranges) {
  let total = 0;
  for (const [start, end] of ranges) {
    total += Math.max(0, Math.min(end, span.end) - Math.max(start, span.start));
  }
  return total;
}

// ---------------------------------------------------------------------------------------
// Predictions

/** Predicted quotations per article name: { start, end, speaker, speakerMention }. */
function loadPredictions(options, articles) {
  if (options.baseline === 'regex') {
    return {
      label: 'regex baseline',
      byArticle: new Map(articles.map((article) => [article.name, regexBaseline(article.text)])),
    };
  }
  if (options.predictions) {
    let output;
    try {
      output = JSON.parse(fs.readFileSync(options.predictions, 'utf8'));
    } catch (error) {
      fail(`cannot read predictions ${options.predictions}: ${error.message}`);
    }
    return { label: displayPath(options.predictions), byArticle: groupPassages(output, articles) };
  }
  const output = runCli(options.cli, path.join(options.corpus, options.split, 'text'));
  return { label: `${displayPath(options.cli)} index`, byArticle: groupPassages(output, articles) };
}

function runCli(cli, textDir) {
  if (!fs.existsSync(cli)) {
    fail(`no CLI at ${cli}: build it, or pass --cli PATH, --predictions FILE.json or --baseline regex`);
  }
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [cli, 'index', textDir, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    fail(`${cli} index failed (status ${error.status}): ${String(error.stderr ?? error.message).trim()}`);
  }
  let output;
  try {
    output = JSON.parse(stdout);
  } catch (error) {
    fail(`${cli} index --json printed invalid JSON: ${error.message}`);
  }
  return output;
}

/** The "quote" passages of a CLI output, grouped by the article whose file they come from. */
function groupPassages(output, articles) {
  if (!Array.isArray(output?.sources) || !Array.isArray(output?.passages)) {
    fail('predictions are not a `cli.js index --json` output (expected "sources" and "passages" arrays)');
  }
  const names = new Set(articles.map((article) => article.name));
  const articleOfKey = new Map();
  for (const source of output.sources) {
    const name = path.basename(String(source.path ?? ''), '.txt');
    if (names.has(name)) articleOfKey.set(source.key, name);
  }
  const byArticle = new Map(articles.map((article) => [article.name, []]));
  let elsewhere = 0;
  let malformed = 0;
  for (const passage of output.passages) {
    if (passage.kind !== 'quote') continue;
    const name = articleOfKey.get(passage.key);
    if (name === undefined) {
      elsewhere++;
    } else if (!Number.isInteger(passage.start) || !Number.isInteger(passage.end)) {
      malformed++;
    } else {
      byArticle.get(name).push({
        start: passage.start,
        end: passage.end,
        speaker: passage.speaker ?? null,
        speakerMention: passage.speakerMention ?? null,
      });
    }
  }
  if (elsewhere > 0) {
    console.error(`eval-polnear: ignored ${elsewhere} quote passages of files outside this split`);
  }
  if (malformed > 0) {
    console.error(`eval-polnear: ignored ${malformed} quote passages without integer offsets`);
  }
  return byArticle;
}

const SPEAKER_NAME = String.raw`[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}`;
const NAME_SAID = new RegExp(String.raw`\b(${SPEAKER_NAME}|he|she|they)\s+said\b`, 'g');
const SAID_NAME = new RegExp(String.raw`\bsaid\s+(${SPEAKER_NAME})`, 'g');

/**
 * The naive baseline: every pair of double quotation marks within a paragraph is a
 * quotation; its speaker is the capitalised name or subject pronoun next to "said" ("Name
 * said", "said Name", "she said") nearest to it in the paragraph, outside any quotation.
 */
function regexBaseline(text) {
  const predictions = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    const offset = paragraph.index;
    const quotations = [...paragraph[0].matchAll(/[“"]([^“”"]+)[”"]/g)].map((m) =>
      trimSpan(text, { start: offset + m.index + 1, end: offset + m.index + m[0].length - 1 }),
    );
    const insideQuotation = (at) => quotations.some((q) => at >= q.start && at < q.end);
    const names = [...paragraph[0].matchAll(NAME_SAID), ...paragraph[0].matchAll(SAID_NAME)]
      .map((m) => {
        const start = offset + m.index + m[0].indexOf(m[1]);
        return { start, end: start + m[1].length, name: m[1] };
      })
      .filter((name) => !insideQuotation(name.start));

    for (const quotation of quotations) {
      const distance = (name) => Math.max(name.start - quotation.end, quotation.start - name.end, 0);
      const nearest = names.reduce(
        (best, name) => (best && distance(best) <= distance(name) ? best : name),
        null,
      );
      predictions.push({
        start: quotation.start,
        end: quotation.end,
        speaker: nearest?.name ?? null,
        speakerMention: nearest ? { start: nearest.start, end: nearest.end } : null,
      });
    }
  }
  return predictions;
}

// ---------------------------------------------------------------------------------------
// Scoring

function score(articles, predictionsByArticle) {
  const falsePositives = [];
  const falseNegatives = [];
  const wrongAttributions = [];
  let predicted = 0;
  let gold = 0;
  let matched = 0;
  let attributable = 0;
  let attributed = 0;

  for (const article of articles) {
    const predictions = predictionsByArticle.get(article.name) ?? [];
    const pairs = matchSpans(predictions, article.gold);
    predicted += predictions.length;
    gold += article.gold.length;
    matched += pairs.length;

    const matchedPredictions = new Set(pairs.map(([p]) => p));
    const matchedGold = new Set(pairs.map(([, g]) => g));
    for (const p of predictions) {
      if (!matchedPredictions.has(p)) falsePositives.push({ article, predicted: p });
    }
    for (const g of article.gold) {
      if (!matchedGold.has(g)) falseNegatives.push({ article, gold: g });
    }

    for (const [p, g] of pairs) {
      if (!g.source) continue;
      attributable++;
      if (speakerMatches(article.text, p, g.source)) attributed++;
      else wrongAttributions.push({ article, predicted: p, gold: g });
    }
  }

  const precision = ratio(matched, predicted);
  const recall = ratio(matched, gold);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    summary: {
      extraction: { gold, predicted, matched, precision, recall, f1 },
      attribution: {
        evaluated: attributable,
        correct: attributed,
        accuracy: ratio(attributed, attributable),
      },
    },
    falsePositives,
    falseNegatives,
    wrongAttributions,
  };
}

/** One-to-one [prediction, gold] pairs with IoU >= MATCH_IOU, greedy by decreasing IoU. */
function matchSpans(predictions, golds) {
  const candidates = [];
  for (const p of predictions) {
    for (const g of golds) {
      const iou = intersectionOverUnion(p, g);
      if (iou >= MATCH_IOU) candidates.push({ p, g, iou });
    }
  }
  candidates.sort((a, b) => b.iou - a.iou);
  const usedP = new Set();
  const usedG = new Set();
  const pairs = [];
  for (const { p, g } of candidates) {
    if (usedP.has(p) || usedG.has(g)) continue;
    usedP.add(p);
    usedG.add(g);
    pairs.push([p, g]);
  }
  return pairs;
}

function intersectionOverUnion(a, b) {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? intersection / union : 0;
}

function speakerMatches(text, prediction, sourceRanges) {
  const mention = prediction.speakerMention;
  if (mention && overlapLength(mention, sourceRanges) > 0) return true;
  const predictedWord = lastWord(prediction.speaker ?? '');
  return predictedWord !== '' && predictedWord === lastWord(rangesText(text, sourceRanges));
}

/** The last word of a name, lower-cased, without punctuation or a possessive 's. */
function lastWord(name) {
  const words = name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  return words.at(-1) ?? '';
}

function rangesText(text, ranges) {
  return ranges.map(([start, end]) => text.slice(start, end)).join(' ');
}

function ratio(part, whole) {
  return whole > 0 ? part / whole : 0;
}

// ---------------------------------------------------------------------------------------
// Reporting

function printReport(report) {
  const { extraction: x, attribution: a } = report;
  const fixed = (value) => value.toFixed(3);
  console.log(`PolNeAR ${report.split}: ${report.articles} articles (${displayPath(report.corpus)})`);
  console.log(`predictions: ${report.predictions}`);
  console.log('');
  console.log(`extraction (IoU >= ${MATCH_IOU}, one-to-one)`);
  console.log(`  gold quotations       ${x.gold}`);
  console.log(`  predicted quotations  ${x.predicted}`);
  console.log(`  matched               ${x.matched}`);
  console.log(`  precision             ${fixed(x.precision)}  (${x.matched}/${x.predicted})`);
  console.log(`  recall                ${fixed(x.recall)}  (${x.matched}/${x.gold})`);
  console.log(`  F1                    ${fixed(x.f1)}`);
  console.log('attribution (matched gold quotations with a Source span)');
  console.log(`  accuracy              ${fixed(a.accuracy)}  (${a.correct}/${a.evaluated})`);
}

/** Up to n of each kind of error, spread evenly over the split, as plain objects. */
function errorSamples(result, n) {
  const quote = (article, span) => article.text.slice(span.start, span.end);
  const sourceSpan = (source) => ({ start: source[0][0], end: source.at(-1)[1] });
  return {
    falsePositives: spread(result.falsePositives, n).map(({ article, predicted }) => ({
      file: article.file,
      start: predicted.start,
      end: predicted.end,
      context: context(article.text, predicted),
      nearestGold: nearestGoldText(article, predicted),
    })),
    falseNegatives: spread(result.falseNegatives, n).map(({ article, gold }) => ({
      file: article.file,
      start: gold.start,
      end: gold.end,
      context: context(article.text, gold),
      speaker: gold.source ? rangesText(article.text, gold.source) : null,
    })),
    wrongAttributions: spread(result.wrongAttributions, n).map(({ article, predicted, gold }) => ({
      file: article.file,
      quote: ellipsis(quote(article, gold), 100),
      context: context(article.text, gold),
      predictedSpeaker: predicted.speaker,
      predictedMention: predicted.speakerMention ? quote(article, predicted.speakerMention) : null,
      goldSpeaker: rangesText(article.text, gold.source),
      goldSpeakerContext: context(article.text, sourceSpan(gold.source), 40),
    })),
  };
}

function printErrors(samples) {
  const section = (title, items, lines) => {
    console.log(`\n${title} (${items.length} shown)`);
    for (const item of items) {
      console.log(`- ${item.file}`);
      for (const line of lines(item)) console.log(`    ${line}`);
    }
  };
  section('false positives', samples.falsePositives, (e) => [
    e.context,
    ...(e.nearestGold ? [`nearest gold: ${e.nearestGold}`] : []),
  ]);
  section('false negatives', samples.falseNegatives, (e) => [
    e.context,
    `speaker: ${e.speaker ?? '(no source)'}`,
  ]);
  section('wrong attributions', samples.wrongAttributions, (e) => [
    e.context,
    `predicted: ${e.predictedSpeaker ?? '(none)'}` +
      (e.predictedMention ? ` [mention "${e.predictedMention}"]` : ''),
    `gold:      ${e.goldSpeaker}   in ${e.goldSpeakerContext}`,
  ]);
}

/** The gold quotation overlapping a false positive most, if any, to show near misses. */
function nearestGoldText(article, span) {
  let best = null;
  for (const g of article.gold) {
    const iou = intersectionOverUnion(span, g);
    if (iou > 0 && (!best || iou > best.iou)) best = { g, iou };
  }
  return best ? `IoU ${best.iou.toFixed(2)} ${context(article.text, best.g, 20)}` : null;
}

function printGoldSample(articles, n) {
  const all = articles.flatMap((article) => article.gold.map((gold) => ({ article, gold })));
  const withSource = all.filter(({ gold }) => gold.source).length;
  const open = all.filter(({ gold }) => !gold.closed).length;
  console.log(
    `${all.length} gold quotations in ${articles.length} articles: ${withSource} with a Source span, ` +
      `${open} running to the end of their paragraph`,
  );
  for (const { article, gold } of spread(all, n)) {
    const speaker = gold.source ? rangesText(article.text, gold.source) : '(no source)';
    const ending = gold.closed ? '' : '  [to end of paragraph]';
    console.log(`- ${article.annotationFile} ${gold.start}-${gold.end}${ending}`);
    console.log(`    «${ellipsis(article.text.slice(gold.start, gold.end), 160)}»`);
    console.log(`    speaker: ${speaker}`);
  }
}

/** n items evenly spread over a list (all of them when it is short), in order. */
function spread(items, n) {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

/** A one-line snippet around a span, which is shown ⟦like this⟧ (its middle elided if long). */
function context(text, span, chars = CONTEXT_CHARS) {
  const before = text.slice(Math.max(0, span.start - chars), span.start);
  const after = text.slice(span.end, span.end + chars);
  const inside = ellipsis(text.slice(span.start, span.end), 200);
  return `…${before}⟦${inside}⟧${after}…`.replace(/\n/g, '⏎');
}

function ellipsis(text, max) {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}

// Run as a command; imported (by eval-check.mjs) it only lends its corpus reader.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
