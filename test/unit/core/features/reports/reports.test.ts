import * as assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { escapeData, escapeProperty, githubAnnotations, gitlabCodeQuality, junitReport, sarifLog, type DraftReport, type IVerbatimService } from '../../../../../src/core';
import { defaultSettings, type CheckSeverities } from '../../../../../src/shared/settings';
import { indexedService, joinLines, seedArticle } from '../../../helpers';

const council = joinLines(
  '---',
  'id: council',
  'title: Council minutes',
  '---',
  '',
  'Datasets shall be released under an open licence unless they hold personal data.',
  '',
  '“We will publish every dataset,” said Mayor Quint.',
);

const sources = { 'sources/hkfp-2017-vpn.md': seedArticle, 'sources/council.md': council };

let service: Promise<IVerbatimService> | undefined;

/** A draft checked against the sources, as the CLI hands it to a report. */
async function checked(text: string, path = 'drafts/report.md'): Promise<DraftReport> {
  service ??= indexedService(sources);
  return { path, text, findings: await (await service).checkDraft(text) ?? [] };
}

const severities = defaultSettings.checkSeverity;

const draft = joinLines(
  '# Report',
  '',
  'PEN America called it an attempt to “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]',
  '',
  '😀 The ministry announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].',
  '',
  'Officials warned that “VPN users will face prison terms” [@hkfp-2017-vpn, para. 8].',
  '',
  'Datasets “shall be released under an open licence” [@council].',
);

describe('the SARIF report', () => {
  it('has one result per quotation that is not faithful, with its code, level and place in the draft', async () => {
    const log = sarifLog({ drafts: [await checked(draft)], severities, rootUri: 'file:///work/repo/', version: '1.2.3' });
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.deepEqual(run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region?.startLine]), [
      ['verbatim.altered', 'error', 5],
      ['verbatim.not-found', 'warning', 7],
      ['verbatim.context', 'note', 9],
    ], 'the faithful quotation on line 3 has no result; information becomes note');
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
  });

  it('gives regions in UTF-16 code units, one-based, the end column just after the quotation', async () => {
    const log = sarifLog({ drafts: [await checked(draft)], severities });
    const altered = log.runs[0].results[0];
    const line = draft.split('\n')[4];
    const start = line.indexOf('“a 12-month');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(altered.locations[0].physicalLocation.region, {
      startLine: 5, startColumn: start + 1, endLine: 5, endColumn: start + '“a 12-month nation-wide campaign”'.length + 1,
      snippet: { text: '“a 12-month nation-wide campaign”' },
    });
    assert.equal(start, 26, 'the emoji before it counts two code units');
  });

  it('points to the source passage in its file as a related location', async () => {
    const log = sarifLog({ drafts: [await checked(draft)], severities });
    const [related] = log.runs[0].results[0].relatedLocations!;
    assert.deepEqual(related.physicalLocation.artifactLocation, { uri: 'sources/hkfp-2017-vpn.md', uriBaseId: '%SRCROOT%' });
    const sourceLine = seedArticle.split('\n')[related.physicalLocation.region!.startLine - 1];
    const { startColumn, endColumn } = related.physicalLocation.region!;
    assert.equal(sourceLine.slice(startColumn - 1, endColumn - 1), 'a 14-month nation-wide campaign');
    assert.equal(related.message?.text, 'the source passage (para. 2)');
    assert.equal(log.runs[0].results[1].relatedLocations, undefined, 'a quotation found nowhere has no source passage');
  });

  it('follows the levels the user chose, and leaves out what is off', async () => {
    const chosen: CheckSeverities = { ...severities, alteredMeaning: 'off', notFound: 'error', context: 'hint' };
    const log = sarifLog({ drafts: [await checked(draft)], severities: chosen });
    assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.level]), [['verbatim.not-found', 'error'], ['verbatim.context', 'note']]);
  });

  it('describes every rule with help text, and points results at them', async () => {
    const log = sarifLog({ drafts: [await checked(draft)], severities });
    const rules = log.runs[0].tool.driver.rules;
    for (const code of ['verbatim.edited', 'verbatim.altered', 'verbatim.misattributed', 'verbatim.wrong-source', 'verbatim.not-found', 'verbatim.context', 'verbatim.draftTooLong']) {
      const rule = rules.find((r) => r.id === code);
      assert.ok(rule, `a rule for ${code}`);
      assert.ok(rule.shortDescription.text.length > 10 && rule.help.text.length > rule.shortDescription.text.length, `${code} has help text`);
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
    }
    for (const r of log.runs[0].results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
  });

  it('encodes paths as URI references relative to the root', async () => {
    const log = sarifLog({ drafts: [await checked(draft, 'my drafts/report #1.md')], severities });
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'my%20drafts/report%20%231.md', uriBaseId: '%SRCROOT%' });
  });

  it('keeps a result\'s fingerprint when lines are added above it, and tells repeated quotations apart', async () => {
    const twice = joinLines(draft, '', 'Again: “VPN users will face prison terms” [@hkfp-2017-vpn].');
    const before = sarifLog({ drafts: [await checked(twice)], severities }).runs[0].results;
    const after = sarifLog({ drafts: [await checked(`A new first paragraph.\n\n${twice}`)], severities }).runs[0].results;
    const prints = (rs: typeof before) => rs.map((r) => r.partialFingerprints['verbatimFinding/v1']);
    assert.deepEqual(prints(after), prints(before));
    assert.equal(new Set(prints(before)).size, before.length);
  });

  it('reports a draft too long to check whole, as the editor does', async function () {
    // A draft of 240,000 characters is read once, on a shared machine.
    this.timeout(30_000);
    const long = `${'Filler words. '.repeat(11_000)}\n\n${'More filler. '.repeat(6_000)}\n\n“VPN users will face prison terms”\n`;
    const log = sarifLog({ drafts: [await checked(long)], severities });
    assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.level]), [['verbatim.draftTooLong', 'warning']]);
    assert.equal(log.runs[0].results[0].relatedLocations, undefined);
  });
});

/** The workflow commands of a GitHub report: level, properties (unescaped) and message (unescaped). */
function commands(output: string): { level: string; properties: Record<string, string>; message: string }[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return output.split('\n').filter((l) => l.startsWith('::')).map((line) => {
    const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
    assert.ok(m, `a well-formed command: ${line}`);
    const properties = Object.fromEntries(m[2].split(',').map((p) => {
      const [k, v] = p.split('=');
      return [k, unescape(v)];
    }));
    return { level: m[1], properties, message: unescape(m[3]) };
  });
}

describe('the GitHub annotations', () => {
  it('annotate each problem on its line and column, then sum up in a plain line', async () => {
    const output = githubAnnotations([await checked(draft)], { severities });
    const found = commands(output);
    assert.deepEqual(found.map((c) => [c.level, c.properties.title, c.properties.file, c.properties.line, c.properties.col]), [
      ['error', 'verbatim.altered', 'drafts/report.md', '5', '27'],
      ['warning', 'verbatim.not-found', 'drafts/report.md', '7', '23'],
      ['notice', 'verbatim.context', 'drafts/report.md', '9', '10'],
    ]);
    assert.match(found[0].message, /^Altered quotation: a number changed: “14-month” → “12-month”\.\n“a 12-month nation-wide campaign”$/);
    assert.equal(found[0].properties.endColumn, String(26 + '“a 12-month nation-wide campaign”'.length), 'inclusive end column');
    const lines = output.trimEnd().split('\n');
    assert.equal(lines.at(-1), 'verbatim: 1 draft, 4 quotations: 1 error, 1 warning, 1 note');
  });

  it('escape hostile text so that no quotation or path can end a command early or start another', async () => {
    const hostile = joinLines(
      '> It is 100% sure::error file=x::pwned,',
      '> ::warning::injected',
      '> — PEN America [@hkfp-2017-vpn]',
    );
    const output = githubAnnotations([await checked(hostile, 'drafts/a,b:c%.md')], { severities });
    const found = commands(output);
    assert.equal(found.length, 1, output);
    assert.equal(found[0].properties.file, 'drafts/a,b:c%.md');
    assert.deepEqual([found[0].properties.line, found[0].properties.endLine, found[0].properties.endColumn], ['1', '2', undefined], 'GitHub reads no end column across lines');
    assert.ok(found[0].message.endsWith('\n“It is 100% sure::error file=x::pwned, ::warning::injected”'), found[0].message);
    assert.equal(output.split('\n').filter((l) => l.includes('injected')).length, 1);
  });

  it('escape line breaks in messages, and commas and colons in properties, as GitHub\'s toolkit does', () => {
    assert.equal(escapeData('50%\r\n::error::x'), '50%25%0D%0A::error::x');
    assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
  });

  it('say when there are more annotations than GitHub shows', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `Claim ${i}: “VPN users will face prison terms number ${i}”.`).join('\n\n');
    const output = githubAnnotations([await checked(many)], { severities });
    assert.equal(commands(output).length, 11);
    assert.match(output, /GitHub shows the first 10 annotations of each kind/);
    assert.doesNotMatch(githubAnnotations([await checked(draft)], { severities }), /GitHub shows the first 10/);
  });
});

/** The elements of an XML document with their attributes and text, read by a real XML parser. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const parser = new Parser({
    onopentag: (name, attributes) => {
      const element = { name, attributes, text: '' };
      elements.push(element);
      open.push(element);
    },
    ontext: (text) => {
      if (open.length) open[open.length - 1].text += text;
    },
    onclosetag: () => open.pop(),
    onerror: (error) => assert.fail(error),
  }, { xmlMode: true, decodeEntities: true });
  parser.end(xml);
  assert.equal(open.length, 0, 'every element is closed');
  return elements;
}

describe('the JUnit report', () => {
  it('has a test case per quotation, and a failure for each problem at error level', async () => {
    const xml = junitReport([await checked(draft)], { severities });
    const elements = parseXml(xml);
    const suites = elements.filter((e) => e.name === 'testsuite');
    assert.deepEqual(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures]), [['drafts/report.md', '4', '1']]);
    const cases = elements.filter((e) => e.name === 'testcase');
    assert.deepEqual(cases.map((c) => c.attributes.name), [
      'line 3: “close the last lifeline to a free internet.”',
      'line 5: “a 12-month nation-wide campaign”',
      'line 7: “VPN users will face prison terms”',
      'line 9: “shall be released under an open licence”',
    ]);
    const failures = elements.filter((e) => e.name === 'failure');
    assert.deepEqual(failures.map((f) => f.attributes.type), ['verbatim.altered'], 'a warning is not a failure');
    assert.match(elements.filter((e) => e.name === 'system-out').map((e) => e.text).join('\n'), /warning verbatim\.not-found: Not found/);
  });

  it('escapes hostile text so that the XML stays well formed and says what the draft says', async () => {
    const hostile = 'He wrote “1 < 2 &amp; ]]> \u0001 "x" \'y\'” [@hkfp-2017-vpn].';
    const xml = junitReport([await checked(hostile, 'drafts/<a>&"b".md')], { severities: { ...severities, notFound: 'error' } });
    assert.doesNotMatch(xml, /< 2|\]\]>/);
    assert.ok(!xml.includes('\u0001'), 'no character XML 1.0 forbids');
    const elements = parseXml(xml);
    assert.equal(elements.find((e) => e.name === 'testsuite')?.attributes.name, 'drafts/<a>&"b".md');
    assert.equal(elements.find((e) => e.name === 'testcase')?.attributes.name, 'line 1: “1 < 2 &amp; ]]> \uFFFD "x" \'y\'”');
    assert.match(elements.find((e) => e.name === 'failure')?.text ?? '', /“1 < 2 &amp; \]\]> \uFFFD "x" 'y'”/);
  });
});

describe('the GitLab code quality report', () => {
  it('lists each problem with its check, severity, place and a fingerprint', async () => {
    const issues = gitlabCodeQuality([await checked(draft)], { severities });
    assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]), [
      ['verbatim.altered', 'critical', 'drafts/report.md', 5],
      ['verbatim.not-found', 'major', 'drafts/report.md', 7],
      ['verbatim.context', 'minor', 'drafts/report.md', 9],
    ]);
    assert.ok(issues.every((i) => /^[0-9a-f]{16}$/.test(i.fingerprint) && i.description.length > 0));
  });
});
