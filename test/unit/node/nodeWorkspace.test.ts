import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createVerbatimService } from '../../../src/core';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';
import { defaultSettings } from '../../../src/shared/settings';

describe('the Node workspace reads sources only inside the workspace folders', () => {
  let dir: string;
  let folder: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'verbatim-paths-'));
    folder = path.join(dir, 'workspace');
    mkdirSync(path.join(folder, 'sources', 'inner'), { recursive: true });
    mkdirSync(path.join(dir, 'private'));
    writeFileSync(path.join(dir, 'private', 'secret.md'), '“The password is swordfish,” said the admin.\n');
    writeFileSync(path.join(folder, 'sources', 'good.md'), '“We will act soon,” said Smith.\n');
    symlinkSync(path.join(dir, 'private', 'secret.md'), path.join(folder, 'sources', 'leak.md'));
    symlinkSync(path.join(dir, 'private'), path.join(folder, 'sources', 'elsewhere'));
    symlinkSync(path.join(folder, 'sources', 'good.md'), path.join(folder, 'sources', 'inner', 'alias.md'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a link leading out of the folder as a problem, and indexes the rest', async () => {
    const service = createVerbatimService({ workspace: new NodeWorkspace([folder]), settings: defaultSettings });
    const status = await service.reindex();
    const leak = status.problems.find((p) => p.path === 'sources/leak.md');
    assert.ok(leak, `the link is reported: ${JSON.stringify(status.problems)}`);
    assert.equal(leak.code, 'verbatim.source.outsideWorkspace');
    assert.match(leak.message, /leads outside the workspace folders/);
    assert.ok(leak.skipped);
    assert.deepEqual(service.sources().map((s) => s.path).sort(), ['sources/good.md', 'sources/inner/alias.md'], 'a link inside the folder is read');
    assert.deepEqual(service.search('password swordfish'), [], 'nothing of the outside file is searchable');
  });

  it('refuses a ../ path that leads out of the folder', async () => {
    const workspace = new NodeWorkspace([folder]);
    const ref = workspace.refFor(path.join(folder, '..', 'private', 'secret.md'));
    await assert.rejects(workspace.readFile(ref, 1024), (error: Error & { code?: string }) => error.code === 'verbatim.source.outsideWorkspace');
  });
});
