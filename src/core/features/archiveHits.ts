import { mergeHits } from '../archive/backend';
import type { SearchHit } from '../search/passageIndex';
import type { FeatureContext } from './context';

/**
 * The workspace's hits and a shared archive's for the same words, best first by score (the
 * workspace wins ties and keeps the sources it holds); the workspace's alone while the archive
 * has not answered them. The host asks the archive beforehand (`completionQuery`, the picker's
 * query), so nothing here waits.
 */
export function withArchive(ctx: FeatureContext, query: string, hits: SearchHit[], limit: number): SearchHit[] {
  const archived = ctx.archive?.hits(query.trim());
  return archived?.length ? mergeHits(hits, archived, limit) : hits;
}
