// What the packaged .vsix holds, read from the zip's central directory with Node alone (no
// `unzip` needed), and the rule for what it may hold:
//   extension/dist/extension.js, extension/dist/server.js and extension/dist/server.bundle.js.br
//   (the language server, compressed, and the few lines that load it), extension/dist/pdfjs.js and
//   extension/dist/pdfjs.bundle.js.br (pdf.js, compressed, loaded by the server on its first PDF),
//   extension/media/**, extension/snippets/**,
//   extension/package.json, extension/README.md, extension/CHANGELOG.md, extension/LICENSE(.txt),
//   extension/THIRD-PARTY-NOTICES.md (the bundled packages' licences)
//   (vsce lower-cases readme.md / changelog.md and may add .txt to LICENSE),
//   and vsce's own manifest files: extension.vsixmanifest, [Content_Types].xml.
//
//   node test/vscode/vsix-contents.mjs verbatim.vsix      prints the listing; exit 1 on a stray file
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** [{ name, size, compressedSize }] of every entry, from the End Of Central Directory record on. */
export function listZip(file) {
  const buf = readFileSync(file);
  // EOCD: signature 0x06054b50, within the last 64 KiB + 22 bytes (the comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressedSize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/third-party-notices\.md$/i,
  /^extension\/dist\/(extension|server|pdfjs)\.js$/,
  /^extension\/dist\/(pdfjs|server)\.bundle\.js\.br$/,
  /^extension\/media\/.+/,
  /^extension\/snippets\/.+/,
];

/** The package stays under a megabyte: what a writer downloads and VS Code unpacks. */
export const maxPackageBytes = 1_000_000;

/** Entries the rule does not allow (source maps, sources, tests, node_modules, examples...). */
export function strayEntries(entries) {
  return entries.filter((e) => !e.name.endsWith('/') && !ALLOWED.some((re) => re.test(e.name)));
}

/** Checks the rule plus the files the extension cannot run without; returns { entries, size, problems }. */
export function checkVsix(file) {
  const entries = listZip(file);
  const names = new Set(entries.map((e) => e.name));
  const problems = strayEntries(entries).map((e) => `not allowed in the package: ${e.name}`);
  for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/server.bundle.js.br', 'extension/dist/pdfjs.js', 'extension/dist/pdfjs.bundle.js.br', 'extension.vsixmanifest']) {
    if (!names.has(required)) problems.push(`missing from the package: ${required}`);
  }
  const size = statSync(file).size;
  if (size >= maxPackageBytes) problems.push(`the package is ${size} bytes, not under ${maxPackageBytes}`);
  return { entries, size, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'verbatim.vsix';
  const { entries, size, problems } = checkVsix(file);
  for (const e of entries) console.log(`${String(e.size).padStart(9)}  ${e.name}`);
  console.log(`${entries.length} files, ${(size / 1024).toFixed(1)} KiB`);
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
