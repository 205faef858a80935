// dist/pdfjs.js: pdf.js, shipped Brotli-compressed beside this file (dist/pdfjs.bundle.js.br,
// written by scripts/build.mjs), decompressed and run as the CommonJS module it is.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { runInThisContext } = require('node:vm');
const { brotliDecompressSync } = require('node:zlib');

const file = join(__dirname, 'pdfjs.bundle.js');
const code = brotliDecompressSync(readFileSync(`${file}.br`)).toString('utf8');
const wrapped = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file });
wrapped.call(module.exports, module.exports, require, module, file, __dirname);
