// What the benchmarks share: where the corpus lies beside the repository (../shared/corpus, not
// shipped), their options, and the folder they build into. READS NOTHING by itself.
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'corpus');
export const polnearText = path.join(shared, 'polnear', 'train', 'text');
export const metadata = path.join(shared, 'polnear', 'metadata.tsv');
export const seed = path.join(root, 'test', 'fixtures', 'seed', 'hkfp-2017-vpn.md');

const args = process.argv.slice(2);
/** `--json`: figures as JSON on stdout, the running commentary on stderr. */
export const json = args.includes('--json');
/** The value after `name` on the command line, or `fallback`. */
export const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
/** A line of commentary (stderr with --json). */
export const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

/** Stops with a message (exit status 2) when the PolNeAR corpus is not beside the repository. */
export function requireCorpus(what) {
  if (existsSync(polnearText) && existsSync(metadata)) return;
  process.stderr.write(`${what} reads the PolNeAR corpus from ${polnearText}\n(and ${metadata}), which is not here.\n`
    + 'It is shared beside the repository as ../shared/corpus (see ../shared/corpus/README.md); it is not shipped with Verbatim.\n');
  process.exit(2);
}

/** The folder the benchmarks build their bundles and corpora into. */
export function workFolder() {
  const work = path.join(root, 'node_modules', '.cache', 'verbatim-bench');
  mkdirSync(work, { recursive: true });
  return work;
}
