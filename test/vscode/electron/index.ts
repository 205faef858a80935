// The extensionTestsPath module @vscode/test-electron loads inside the VS Code it launched: runs
// the real-VS-Code suite (out/test/vscode/suite/*.test.js, the same files code-server's extension
// host runs) with Mocha and rejects when a test fails, which makes VS Code exit non-zero.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  // Mocha 12 is an ES module; import() works from this CommonJS file in any VS Code's Node.
  const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof import('mocha') };
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  const suiteDir = path.resolve(__dirname, '..', 'suite');
  for (const f of readdirSync(suiteDir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(suiteDir, f));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
}
