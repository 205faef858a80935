import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { archiveUri, createVerbatimService, findDraftQuotes, fingerprint, mergeHits, passageByline, type IWorkspace, type SearchHit, type SourceRef } from '../core';
import { defaultSettings } from '../shared/settings';
import { PathsWorkspace, runningBuildId } from '../node';
import { PgArchive, type PushItem } from '../node/archive/pgArchive';

/** The `archive` command's usage lines, for the CLI's help. */
export const archiveUsage = `  verbatim archive init --db URL [--shard URL]...      create or migrate the shared archive (shards through postgres_fdw)
  verbatim archive push SOURCE... --db URL [--json]    add or replace sources in the archive
  verbatim archive remove KEY... --db URL [--json]     remove sources (by citation key) and their passages
  verbatim archive status --db URL [--json]            sources, passages, schema version and shards
  --db URL (search, check)                             search and check against the archive as well (or VERBATIM_ARCHIVE_URL)`;

/** A mistake in the command line: the caller prints usage and exits 2. */
export class ArchiveUsageError extends Error {}

/** The archive's connection string: `--db`, else VERBATIM_ARCHIVE_URL. */
export function archiveUrl(db: string | undefined): string | undefined {
  return db ?? (process.env.VERBATIM_ARCHIVE_URL || undefined);
}

/** Runs `verbatim archive …`; returns the exit code. */
export async function archiveCommand(args: readonly string[], out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: { db: { type: 'string' }, shard: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
  } catch (error) {
    throw new ArchiveUsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  const { values, positionals } = parsed;
  const url = archiveUrl(values.db);
  if (!url) throw new ArchiveUsageError('--db URL is required (or VERBATIM_ARCHIVE_URL)');
  const archive = new PgArchive(url);
  try {
    switch (sub) {
      case 'init': {
        const { from, to } = await archive.init(values.shard ?? []);
        out(from === to ? `archive schema is at version ${to}\n` : `archive schema ${from === undefined ? 'created' : `migrated from version ${from}`} at version ${to}${values.shard?.length ? `, over ${values.shard.length} shards` : ''}\n`);
        return 0;
      }
      case 'push': {
        if (positionals.length === 0) throw new ArchiveUsageError('no source path given');
        const items = await extract(positionals);
        const started = Date.now();
        const result = await archive.push(items);
        const seconds = (Date.now() - started) / 1000;
        const passages = items.reduce((n, i) => n + i.doc.passages.length, 0);
        if (values.json) out(`${JSON.stringify({ ...result, passages, seconds }, null, 2)}\n`);
        else out(`${result.added.length} added, ${result.replaced.length} replaced, ${result.unchanged.length} unchanged (${passages} passages read in ${seconds.toFixed(1)} s)\n`);
        return 0;
      }
      case 'remove': {
        if (positionals.length === 0) throw new ArchiveUsageError('no citation key given');
        const result = await archive.remove(positionals);
        if (values.json) out(`${JSON.stringify(result, null, 2)}\n`);
        else out(`${result.removed.length} removed${result.missing.length ? `; not in the archive: ${result.missing.join(', ')}` : ''}\n`);
        // A key that is not there is most often mistyped: a script should hear of it.
        return result.missing.length ? 1 : 0;
      }
      case 'status': {
        const status = await archive.status();
        if (values.json) out(`${JSON.stringify(status, null, 2)}\n`);
        else {
          out(`schema version ${status.version ?? 'none (run verbatim archive init)'}; ${Number.isNaN(status.sources) ? 'counts unknown while a shard is down' : `${status.sources} sources, ${status.passages} passages`}\n`);
          for (const s of status.shards) out(`${s.name}: ${s.ok ? 'up' : `DOWN (${s.error ?? ''})`}\n`);
        }
        return status.shards.some((s) => !s.ok) ? 1 : 0;
      }
      case undefined: throw new ArchiveUsageError('archive needs init, push, remove or status');
      default: throw new ArchiveUsageError(`unknown archive command "${sub}"`);
    }
  } finally {
    await archive.close();
  }
}

/** The sources under `paths`, extracted as the workspace extracts them, with their bytes. */
export async function extract(paths: readonly string[]): Promise<PushItem[]> {
  const workspace = new PathsWorkspace(paths);
  const missing = await workspace.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  const service = createVerbatimService({ workspace, settings: defaultSettings, buildId: runningBuildId() });
  await service.reindex();
  for (const p of service.status().problems) process.stderr.write(`${p.skipped ? 'skipped' : 'warning'}: ${p.path}: ${p.message}\n`);
  const items: PushItem[] = [];
  for (const doc of service.sources()) {
    const bytes = new Uint8Array(await readFile(fileURLToPath(doc.uri)));
    items.push({ doc, bytes, fingerprint: fingerprint(bytes) });
  }
  return items;
}

/** Hits of the workspace (when given) and of the archive together, and the shards that failed. */
export async function searchWithArchive(url: string, local: readonly SearchHit[], query: string, limit: number): Promise<{ hits: SearchHit[]; failed: readonly string[] }> {
  const archive = new PgArchive(url);
  try {
    const remote = await archive.search(query, { limit });
    return { hits: mergeHits(local, remote.hits, limit), failed: remote.failed };
  } finally {
    await archive.close();
  }
}

/** Prints what `search --db` found, as `search` does for the workspace. */
export function printHits(hits: readonly SearchHit[], out: (s: string) => void): void {
  if (hits.length === 0) out('no passage matches\n');
  hits.forEach((h, i) => {
    out(`${String(i + 1).padStart(2)}. ${h.passage.kind === 'quote' ? `“${h.passage.text}”` : h.passage.text}\n`);
    out(`    ${passageByline(h.passage, h.source)} · [@${h.passage.key}] · ${h.passage.kind} · score ${h.score.toFixed(2)}${h.source.uri.startsWith('verbatim-archive:') ? ' · archive' : ''}\n`);
  });
}

/** How many archive sources each quotation of a draft brings in for checking. */
const sourcesPerQuote = 3;

/**
 * The archive's sources that can hold the drafts' quotations, added to a workspace: read from
 * the bytes they were pushed from, so that `check` extracts and checks them exactly as it does
 * workspace files.
 */
export async function withArchiveSources(url: string, drafts: readonly string[]): Promise<{ workspace: (local: IWorkspace) => IWorkspace; failed: readonly string[] }> {
  const archive = new PgArchive(url);
  try {
    const ids = new Set<string>();
    const failed = new Set<string>();
    for (const draft of drafts) {
      for (const quote of findDraftQuotes(draft)) {
        const found = await archive.search(quote.text, { limit: sourcesPerQuote });
        for (const f of found.failed) failed.add(f);
        for (const h of found.hits) ids.add(h.source.meta.key);
      }
    }
    const files = await archive.sourceFiles([...ids]);
    const refs: SourceRef[] = files.map((f) => ({ uri: archiveUri(f.id), path: `archive/${f.path}` }));
    const bytes = new Map(files.map((f) => [archiveUri(f.id), f.bytes]));
    const workspace = (local: IWorkspace): IWorkspace => ({
      ...local,
      findSources: async (patterns) => [...await local.findSources(patterns), ...refs],
      readFile: async (ref, maxBytes) => {
        const held = bytes.get(ref.uri);
        if (held) return held.length > maxBytes + 1 ? held.subarray(0, maxBytes + 1) : held;
        return local.readFile(ref, maxBytes);
      },
    });
    return { workspace, failed: [...failed].sort() };
  } finally {
    await archive.close();
  }
}
