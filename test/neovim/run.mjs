// Runs headless Neovim with test/neovim/testinit.lua on a copy of examples/newsroom: the
// README's Neovim configuration starts `verbatim lsp --stdio`, and the test checks what the
// server answers through Neovim's own LSP client. Installs Debian's neovim with apt-get when
// it is missing and this runs as root.
// Usage: npm run test:neovim   (builds dist/ first)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function fail(message) {
  process.stderr.write(`test:neovim: ${message}\n`);
  process.exit(1);
}

function nvimVersion() {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? /NVIM v(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] : undefined;
}

let version = nvimVersion();
if (!version) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    fail('Neovim is not installed. Install Neovim 0.7 or newer (Debian/Ubuntu: sudo apt-get install neovim) and run again.');
  }
  process.stdout.write('nvim is missing: installing neovim with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'neovim'], { stdio: 'inherit', env }) : update;
  if (install.status !== 0) fail('apt-get could not install neovim (no network or no Debian mirror?). Install Neovim 0.7 or newer by hand and run again.');
  version = nvimVersion() ?? fail('neovim was installed but nvim does not run.');
}
if (!existsSync(path.join(root, 'dist/cli.js'))) fail('dist/cli.js is missing: run npm run build first.');

const work = mkdtempSync(path.join(tmpdir(), 'verbatim-nvim-'));
let failures = 0;
function check(name, ok, detail) {
  process.stdout.write(`${ok ? '  ✔' : '  ✘'} ${name}\n`);
  if (!ok) { failures++; process.stdout.write(`${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)}\n`); }
}

try {
  cpSync(path.join(root, 'examples/newsroom'), path.join(work, 'newsroom'), { recursive: true });
  const out = path.join(work, 'results.json');
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(here, 'testinit.lua')], {
    cwd: path.join(work, 'newsroom'),
    env: { ...process.env, VERBATIM_CLI: path.join(root, 'dist/cli.js'), VERBATIM_DRAFT: path.join(work, 'newsroom/drafts/report.md'), VERBATIM_OUT: out, XDG_STATE_HOME: work, XDG_DATA_HOME: work },
    encoding: 'utf8',
    timeout: 60000,
  });
  if (!existsSync(out)) fail(`nvim wrote no results (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${r.stdout}${r.stderr}`);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  process.stdout.write(`Neovim ${version}\n`);
  check('no errors in Neovim', results.errors.length === 0, results.errors);
  check('the server indexed the example sources', results.status?.sources === 2, results.status);
  const completion = results.completion ?? [];
  const lifeline = completion.find((c) => c.newText?.includes('close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]'));
  check('completion after “lifeline offers the quotation with its citation', lifeline !== undefined, completion.slice(0, 3));
  const hover = results.hover ?? '';
  check('hover on a citation shows the source card and the cited paragraph',
    /Hong Kong Free Press/.test(hover) && /Catherine Lai/.test(hover) && /close the last lifeline/.test(hover), hover);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures) fail(`${failures} check(s) failed`);
process.stdout.write('test:neovim: all checks passed\n');
