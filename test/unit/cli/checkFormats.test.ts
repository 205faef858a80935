import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../src/cli/main';
import { joinLines } from '../helpers';

const fixtures = path.join(__dirname, '../../../../test/fixtures');

/** A workspace on disk: the seed article, a saved web page, a PDF, an unreadable PDF and a draft. */
function workspace(draft: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-ci-'));
  mkdirSync(path.join(dir, 'sources'));
  mkdirSync(path.join(dir, 'my drafts'));
  copyFileSync(path.join(fixtures, 'seed/hkfp-2017-vpn.md'), path.join(dir, 'sources/hkfp-2017-vpn.md'));
  copyFileSync(path.join(fixtures, 'html/hkfp-2017-vpn.html'), path.join(dir, 'sources/hkfp-page.html'));
  copyFileSync(path.join(fixtures, 'pdf/open-data-policy.pdf'), path.join(dir, 'sources/open-data-policy.pdf'));
  copyFileSync(path.join(fixtures, 'pdf/not-a-pdf.pdf'), path.join(dir, 'sources/broken.pdf'));
  writeFileSync(path.join(dir, 'my drafts/report 1.md'), draft);
  return dir;
}

const draft = joinLines(
  '# Report',
  '',
  'PEN America called it an attempt to “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]',
  '',
  '😀 The ministry announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].',
  '',
  'The page says the ministry announced “a 12-month nation-wide campaign” [@hkfp-page].',
  '',
  'Charlie Smith said the rules create “a default under which VPN use is illegal” [@hkfp-2017-vpn].',
  '',
  'Datasets “shall be released under an open licence” [@open-data-policy].',
  '',
  'The mayor said it “puts the public record back in public hands” [@hkfp-2017-vpn].',
  '',
  'Officials warned that “VPN users will face prison terms” [@hkfp-2017-vpn, para. 8].',
);

/** Runs `verbatim ARGS` in-process: its exit code, what it printed, and what it wrote on stderr. */
async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stderr.write;
  const log = console.log;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  // pdf.js reports missing canvas support through console.log; the command line sends that to stderr too.
  console.log = (...s: unknown[]) => { err += `${s.join(' ')}\n`; };
  try {
    const code = await main(args, (s) => { out += s; });
    return { code, out, err };
  } finally {
    process.stderr.write = write;
    console.log = log;
  }
}

describe('verbatim check in CI', function () {
  // The command reads a PDF with pdf.js, and the SARIF validator starts .NET, on a shared machine.
  this.timeout(120_000);
  let dir: string;
  let draftPath: string;
  let args: string[];

  before(() => {
    dir = workspace(draft);
    draftPath = path.join(dir, 'my drafts/report 1.md');
    args = ['check', draftPath, '--sources', path.join(dir, 'sources'), '--root', dir];
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a SARIF log that Microsoft\'s SARIF validator accepts', async () => {
    const { code, out } = await run([...args, '--format', 'sarif']);
    assert.equal(code, 1, 'an error-level finding fails the check');
    const sarifFile = path.join(dir, 'verbatim.sarif');
    writeFileSync(sarifFile, out);
    const validation = path.join(dir, 'validation.sarif');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const multitool = require('@microsoft/sarif-multitool') as string;
    const result = spawnSync(multitool, ['validate', sarifFile, '--output', validation, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `the validator ran: ${result.error?.message ?? ''}${result.stderr}${result.stdout}`);
    const findings = (JSON.parse(readFileSync(validation, 'utf8')) as { runs: { results?: { ruleId: string; level?: string; message: { id?: string; arguments?: string[] } }[] }[] }).runs[0].results ?? [];
    const serious = findings.filter((f) => (f.level ?? 'warning') !== 'note'
      // Verbatim has no web page to name as informationUri.
      && !(f.ruleId === 'SARIF2005' && f.message.id === 'Warning_ProvideToolnformationUri')
      // Run from the compiled sources the version is "development"; the built command line gives package.json's.
      && !(f.ruleId === 'SARIF2005' && f.message.id === 'Warning_UseNumericToolVersions' && f.message.arguments?.includes('development')));
    assert.deepEqual(serious.map((f) => `${f.ruleId} ${f.message.id}: ${f.message.arguments?.join(' ')}`), []);
  });

  it('places SARIF results in the draft by a URI relative to the root, with the source passage beside them', async () => {
    const log = JSON.parse((await run([...args, '--format', 'sarif'])).out) as import('../../../src/core').SarifLog;
    const run0 = log.runs[0];
    assert.equal(run0.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(dir).href}/`);
    const results = run0.results.map((r) => ({
      code: r.ruleId, level: r.level, line: r.locations[0].physicalLocation.region?.startLine,
      uri: r.locations[0].physicalLocation.artifactLocation.uri,
      source: r.relatedLocations?.[0].physicalLocation.artifactLocation.uri, sourceLine: r.relatedLocations?.[0].physicalLocation.region?.startLine,
      where: r.relatedLocations?.[0].message?.text,
    }));
    assert.ok(results.every((r) => r.uri === 'my%20drafts/report%201.md'));
    assert.deepEqual(results.map((r) => [r.code, r.level, r.line]), [
      ['verbatim.altered', 'error', 5],
      ['verbatim.altered', 'error', 7],
      ['verbatim.misattributed', 'error', 9],
      ['verbatim.context', 'note', 11],
      ['verbatim.wrong-source', 'warning', 13],
      ['verbatim.not-found', 'warning', 15],
    ]);
    assert.deepEqual([results[0].source, results[0].where], ['sources/hkfp-2017-vpn.md', 'the source passage (para. 2)']);
    const page = readFileSync(path.join(dir, 'sources/hkfp-page.html'), 'utf8').split('\n');
    const pageRegion = run0.results[1].relatedLocations![0].physicalLocation.region!;
    assert.equal(results[1].source, 'sources/hkfp-page.html');
    assert.equal(page[pageRegion.startLine - 1].slice(pageRegion.startColumn - 1, pageRegion.endColumn - 1), 'a 14-month nation-wide campaign', 'a saved page\'s passage is found in its HTML');
    assert.deepEqual([results[3].source, results[3].sourceLine, results[3].where], ['sources/open-data-policy.pdf', undefined, 'the source passage (p. 1, art. 3)'], 'a PDF gives page and article, not a region');
    const notes = run0.invocations[0].toolExecutionNotifications ?? [];
    assert.deepEqual(notes.map((n) => n.locations[0].physicalLocation.artifactLocation.uri), ['sources/broken.pdf'], 'an unreadable source is a notification');
  });

  it('writes GitHub annotations and the summary line', async () => {
    const { code, out, err } = await run([...args, '--format', 'github']);
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => /^::(\w+) file=([^,]*),line=(\d+)/.exec(l)?.slice(1)), [
      ['error', 'my drafts/report 1.md', '5'],
      ['error', 'my drafts/report 1.md', '7'],
      ['error', 'my drafts/report 1.md', '9'],
      ['notice', 'my drafts/report 1.md', '11'],
      ['warning', 'my drafts/report 1.md', '13'],
      ['warning', 'my drafts/report 1.md', '15'],
    ]);
    assert.equal(lines.at(-1), 'verbatim: 1 draft, 7 quotations: 3 errors, 2 warnings, 1 note');
    assert.doesNotMatch(err, /verbatim:/, 'nothing is reported as a failure of the command');
  });

  it('writes JUnit XML with a test case per quotation', async () => {
    const { code, out } = await run([...args, '--format', 'junit']);
    assert.equal(code, 1);
    assert.match(out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="verbatim" tests="7" failures="3" errors="0">/);
    assert.equal(out.match(/<testcase /g)?.length, 7);
  });

  it('writes a GitLab code quality report', async () => {
    const { code, out } = await run([...args, '--format', 'gitlab']);
    assert.equal(code, 1);
    const issues = JSON.parse(out) as { check_name: string; location: { path: string } }[];
    assert.equal(issues.length, 6);
    assert.ok(issues.every((i) => i.location.path === 'my drafts/report 1.md'));
  });

  it('keeps --json as --format json, and the text report as the default', async () => {
    const json = await run([...args, '--json']);
    assert.equal(json.code, 1);
    assert.equal((await run([...args, '--format', 'json'])).out, json.out);
    assert.equal((JSON.parse(json.out) as { findings: unknown[] }).findings.length, 7);
    const text = await run(args);
    assert.equal((await run([...args, '--format', 'text'])).out, text.out);
    assert.match(text.out, /1 draft, 7 quotations, 6 to review/);
  });

  it('exits 0 in every format when nothing has error severity', async () => {
    const fine = workspace(joinLines('Officials warned that “VPN users will face prison terms” [@hkfp-2017-vpn].', '', 'It would “close the last lifeline to a free internet.” [@hkfp-2017-vpn]'));
    try {
      for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'gitlab']) {
        const { code } = await run(['check', path.join(fine, 'my drafts/report 1.md'), '--sources', path.join(fine, 'sources'), '--root', fine, '--format', format]);
        assert.equal(code, 0, format);
      }
    } finally {
      rmSync(fine, { recursive: true, force: true });
    }
  });

  it('exits 2 for a format it does not know, or two formats at once', async () => {
    const unknown = await run([...args, '--format', 'xml']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--format takes text, json, sarif, github, junit, gitlab, not "xml"/);
    assert.equal(unknown.out, '');
    const both = await run([...args, '--json', '--format', 'sarif']);
    assert.equal(both.code, 2);
    assert.match(both.err, /--json and --format sarif/);
  });

  it('reports at the levels given with --severity, in every format and in the exit code', async () => {
    const chosen = [...args, '--severity', 'alteredMeaning=warning,misattributed=off,notFound=error'];
    const sarif = JSON.parse((await run([...chosen, '--format', 'sarif'])).out) as import('../../../src/core').SarifLog;
    assert.deepEqual(sarif.runs[0].results.map((r) => [r.ruleId, r.level]), [
      ['verbatim.altered', 'warning'], ['verbatim.altered', 'warning'], ['verbatim.context', 'note'], ['verbatim.wrong-source', 'warning'], ['verbatim.not-found', 'error'],
    ]);
    const lenient = await run([...args, '--severity', 'alteredMeaning=warning,misattributed=warning', '--format', 'junit']);
    assert.equal(lenient.code, 0, 'nothing at error level');
    assert.match(lenient.out, /failures="0"/);
    const unknown = await run([...args, '--severity', 'typo=error']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown kind "typo"/);
    assert.equal((await run([...args, '--severity', 'altered=loud'])).code, 2);
  });

  it('gives paths outside the root as absolute file URIs', async () => {
    const log = JSON.parse((await run([...args.slice(0, -1), path.join(dir, 'sources'), '--format', 'sarif'])).out) as import('../../../src/core').SarifLog;
    const location = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: pathToFileURL(draftPath).href });
  });
});
