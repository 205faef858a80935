// Stands in for cssomnom/parse in the bundles. linkedom parses a <style> element's CSS only
// when its `sheet` is read; Verbatim never gives linkedom a <style> element (see
// src/core/sources/htmlReadable.ts) nor reads a sheet, and the parser is 190 KB minified.
exports.parse = () => ({ cssRules: [] });
