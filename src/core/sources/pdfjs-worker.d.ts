// pdf.js ships no types for its worker module; Verbatim only imports it for its side effect
// (it registers the worker's message handler on `globalThis.pdfjsWorker`).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
