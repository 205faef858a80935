// Renders the example draft with the real Pandoc and the bibliography `verbatim bib` writes,
// and checks the citations and the reference list. Needs pandoc >= 2.11 (for --citeproc);
// installs Debian's with apt-get when it is missing and this runs as root.
// Usage: npm run test:pandoc   (builds dist/ and out/ first)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/cli.js');
const require = createRequire(import.meta.url);
const { setFrontMatterField } = require(path.join(root, 'out/src/core/draft/frontMatterEdit.js'));

function pandocVersion() {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return /pandoc(?:\.exe)? (\d+)\.(\d+)/.exec(r.stdout)?.slice(1).map(Number);
}

function fail(message) {
  process.stderr.write(`test:pandoc: ${message}\n`);
  process.exit(1);
}

let version = pandocVersion();
if (!version) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    fail('pandoc is not installed. Install pandoc 2.11 or newer (Debian/Ubuntu: sudo apt-get install pandoc; or https://pandoc.org/installing.html) and run again.');
  }
  process.stdout.write('pandoc is missing: installing it with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'pandoc'], { stdio: 'inherit', env }) : update;
  if (install.status !== 0) fail('apt-get could not install pandoc (no network or no Debian mirror?). Install pandoc 2.11 or newer by hand and run again.');
  version = pandocVersion();
  if (!version) fail('pandoc was installed but does not run.');
}
if (version[0] < 2 || (version[0] === 2 && version[1] < 11)) fail(`pandoc ${version.join('.')} has no --citeproc; version 2.11 or newer is needed.`);

const work = mkdtempSync(path.join(tmpdir(), 'verbatim-pandoc-'));
let failures = 0;
function check(name, ok, detail) {
  process.stdout.write(`${ok ? '  ✔' : '  ✘'} ${name}\n`);
  if (!ok) { failures++; process.stdout.write(`${detail}\n`); }
}
function pandoc(args) {
  const r = spawnSync('pandoc', args, { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) fail(`pandoc ${args.join(' ')} failed:\n${r.stderr}`);
  return { out: r.stdout, warnings: r.stderr };
}

try {
  process.stdout.write(`pandoc ${version.join('.')}\n`);
  const refs = path.join(work, 'references.json');
  execFileSync(process.execPath, [cli, 'bib', '--sources', path.join(root, 'examples/newsroom/sources'), '--out', refs]);
  const items = JSON.parse(readFileSync(refs, 'utf8'));
  check('verbatim bib writes one CSL-JSON item per source', items.map((i) => i.id).sort().join() === 'hkfp-2017-vpn,udhr-1948', JSON.stringify(items));

  // The example draft, with its front matter naming the bibliography the way the editor command does.
  const draft = readFileSync(path.join(root, 'examples/newsroom/drafts/report.md'), 'utf8');
  const edit = setFrontMatterField(draft, 'bibliography', 'references.json');
  const linked = draft.slice(0, edit.start) + edit.newText + draft.slice(edit.end) + '\nThe declaration says so [@udhr-1948, art. 19].\n';
  writeFileSync(path.join(work, 'report.md'), linked);

  const plain = pandoc(['--citeproc', '-t', 'plain', '--wrap=none', 'report.md']);
  for (const citation of ['(Lai 2017, para. 2)', '(Lai 2017, para. 7)', '(Lai 2017, para. 9)', '(Lai 2017)', '(United Nations General Assembly 1948, art. 19)']) {
    check(`renders ${citation}`, plain.out.includes(citation), plain.out);
  }
  check('lists the article in the references, with its outlet', /Lai, Catherine\. 2017\. “China’s IT Ministry Says VPN Crackdown Will Not Affect Normal Operations of Foreign Companies\.” Hong Kong Free Press, January 25, 2017\. https:\/\/hongkongfp\.com\//.test(plain.out), plain.out);
  check('lists the declaration in the references', plain.out.includes('United Nations General Assembly. 1948. Universal Declaration of Human Rights.'), plain.out);
  check('finds every cited key (no citeproc warnings)', !/WARNING/i.test(plain.warnings), plain.warnings);

  const html = pandoc(['--citeproc', '--bibliography', 'references.json', '-t', 'html', path.join(root, 'examples/newsroom/drafts/report.md')]);
  check('renders HTML citations and a reference list with --bibliography on the command line',
    html.out.includes('data-cites="hkfp-2017-vpn">(Lai 2017, para. 7)</span>') && html.out.includes('<div id="ref-hkfp-2017-vpn"') && html.out.includes('<em>Hong Kong\nFree Press</em>'), html.out);

  // A saved web page as the source: its metadata becomes the reference.
  mkdirSync(path.join(work, 'sources'));
  copyFileSync(path.join(root, 'test/fixtures/html/hkfp-2017-vpn.html'), path.join(work, 'sources/hkfp-2017-vpn.html'));
  execFileSync(process.execPath, [cli, 'bib', '--sources', path.join(work, 'sources'), '--out', path.join(work, 'page.json')]);
  const page = pandoc(['--citeproc', '--bibliography', 'page.json', '-t', 'plain', '--wrap=none', path.join(root, 'examples/newsroom/drafts/report.md')]);
  check('cites a saved web page with the metadata read from its HTML', page.out.includes('(Lai 2017, para. 7)') && page.out.includes('Hong Kong Free Press HKFP, January 25, 2017.'), page.out);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures) fail(`${failures} check(s) failed`);
process.stdout.write('test:pandoc: all checks passed\n');
