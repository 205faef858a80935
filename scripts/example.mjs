#!/usr/bin/env node
// The README's "see it work" command: builds and packages the extension, then opens the example
// workspace (examples/newsroom) in a real VS Code with it.
//
//   node scripts/example.mjs [--port N] [--no-browser] [--code-server]
//
// - With a local `code` command (VS Code desktop): runs
//   `code --extensionDevelopmentPath=<repo> examples/newsroom` and returns.
// - Otherwise (or with --code-server): scripts/vscode/setup.sh (cached after the first run),
//   then code-server serves examples/newsroom with the packaged verbatim.vsix installed, prints
//   the URL, opens a browser when `xdg-open` and a display are there, and serves until Ctrl+C.
//
// It opens the repository's example itself, so what you type there is saved there: `git checkout
// examples/newsroom` undoes it.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(repoRoot, 'examples', 'newsroom');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;

async function run(cmd, cmdArgs, hint) {
  const child = spawn(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  const [code] = await Promise.race([once(child, 'exit'), once(child, 'error').then(([e]) => [e.message])]);
  if (code !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed${hint ? `: ${hint}` : ''}`);
    process.exit(1);
  }
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

async function main() {
  console.log('Building and packaging the extension (npm run package)…');
  await run('npm', ['run', '--silent', 'package'], 'run `npm ci` first');
  const vsix = join(repoRoot, 'verbatim.vsix');

  if (!flag('--code-server') && has('code')) {
    console.log(`Opening ${example} in VS Code with the extension from ${repoRoot}…`);
    await run('code', [`--extensionDevelopmentPath=${repoRoot}`, example]);
    console.log('Open drafts/report.md, type “lifeline, hover a citation, press Ctrl+. on a squiggle.');
    return;
  }

  console.log('No `code` command here: serving the example in code-server (a real VS Code in the browser).');
  await run('bash', [join(repoRoot, 'scripts', 'vscode', 'setup.sh')], 'see the message above for what to install');
  const { startCodeServer } = await import('./vscode/serve.mjs');
  const server = await startCodeServer({ folder: example, vsix: [vsix], port, settings: { 'workbench.startupEditor': 'none' } });
  const url = server.workbenchUrl({ openFile: 'drafts/report.md' });
  console.log(`\nVerbatim is installed. Open:\n\n  ${url}\n`);
  console.log('Type “lifeline in the draft, hover a citation, press Ctrl+. on a squiggle. Ctrl+C stops the server.');
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!flag('--no-browser') && display && has('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
  const stop = async () => {
    console.log('\nStopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Serve until Ctrl+C; if code-server dies on its own, say so and exit.
  await new Promise((resolvePromise) => {
    const timer = setInterval(() => {
      try {
        process.kill(server.pid, 0);
      } catch {
        clearInterval(timer);
        resolvePromise();
      }
    }, 1_000); // liveness poll of the server process, not a wait for an event
  });
  console.error(`code-server exited; its log: ${server.logFile}`);
  process.exit(1);
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
