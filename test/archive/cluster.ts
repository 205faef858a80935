import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A throw-away PostgreSQL cluster in a temporary folder, on a free loopback port, with trust
 * authentication for loopback only. As root it runs as the `postgres` user (PostgreSQL refuses
 * to run as root).
 */
export class Cluster {
  private constructor(readonly dir: string, readonly port: number) {}

  /** The connection string of its `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<Cluster> {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-pg-'));
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    run(asRoot, 'initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=64MB`;
    run(asRoot, 'pg_ctl', ['-D', path.join(dir, 'data'), '-o', options, '-l', path.join(dir, 'log'), '-w', '-s', 'start']);
    return new Cluster(dir, port);
  }

  /** Stops the server at once, as a crash or a pulled cable would (the folder stays until `destroy`). */
  stop(): void {
    run(process.getuid?.() === 0, 'pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'immediate', '-w', '-s', 'stop']);
  }

  /** Stops the server if it runs and removes its folder. */
  destroy(): void {
    if (existsSync(path.join(this.dir, 'data', 'postmaster.pid'))) this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The folder of PostgreSQL's server programs (Debian keeps them out of PATH), newest version first. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: run scripts/archive/setup-postgres.sh');
  return path.join(root, versions[0], 'bin');
}

function run(asRoot: boolean, program: string, args: readonly string[]): void {
  const file = path.join(postgresBin(), program);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe', cwd: '/' });
  else execFileSync(file, [...args], { stdio: 'pipe' });
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
