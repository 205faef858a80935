// The code-server extension host's logs: where they are, when Verbatim was activated.
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function logFiles(userDataDir, pattern) {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true })
    .filter((f) => pattern.test(f))
    .map((f) => join(logs, f));
}

/**
 * Local time (ms since the epoch) of the extension host's "_doActivateExtension verbatim.verbatim"
 * line: when VS Code started activating the extension. undefined if it is not logged.
 */
export function activationFromLog(userDataDir) {
  for (const file of logFiles(userDataDir, /exthost\d*[/\\]remoteexthost\.log$/)) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] ExtensionService#_doActivateExtension verbatim\.verbatim\b/m.exec(
      readFileSync(file, 'utf8'),
    );
    if (m) return new Date(`${m[1]}T${m[2]}`).getTime(); // the log is in local time
  }
  return undefined;
}

/** Copies the extension host's log and Verbatim's output channel into `outDir`, prefixed. */
export function copyExtHostLogs(userDataDir, outDir, prefix) {
  for (const file of logFiles(userDataDir, /remoteexthost\.log$|Verbatim\.log$/)) {
    copyFileSync(file, join(outDir, `${prefix}${file.split(/[/\\]/).pop()}`));
  }
}
