// The bundle of pdf.js (dist/pdfjs.bundle.js.br, compressed; dist/pdfjs.js loads it) the language
// server loads on its first PDF, kept apart
// from dist/server.js and dist/cli.js so that starting the server does not read and compile it
// (two thirds of the server's code). pdf.js's worker module runs in the same thread, so it is
// loaded first (see src/core/sources/pdfSource.ts); the bundle's exports are pdf.js's.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
export * from 'pdfjs-dist/legacy/build/pdf.mjs';
