import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';

/**
 * Watches folders with Node's own recursive watcher, for editors that cannot watch files for
 * the server. Reports changed paths; the caller decides whether they are sources and whether
 * they still exist.
 */
export function watchFolders(roots: readonly string[], onChange: (files: string[]) => void): () => void {
  const watchers: FSWatcher[] = [];
  for (const root of roots) {
    try {
      const watcher = watch(root, { recursive: true, persistent: false }, (_event, name) => {
        if (name) onChange([path.join(root, name.toString())]);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A folder that cannot be watched is still indexed; reindexing by command picks up changes.
    }
  }
  return () => watchers.forEach((w) => w.close());
}
