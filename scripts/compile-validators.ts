/**
 * `npm run compile:validators`: turns the app's JSON schemas into plain JavaScript validators
 * with ajv's standalone code generation, once, at build time.
 *
 * Why: interpreting a schema at runtime was the main thread's biggest cost in an initial sync
 * (z-schema: 73 % of 180 s busy at 50,000 records, docs/performance.md), and a validator compiled
 * in the browser needs `new Function`, which the renderer's CSP forbids. Generated code is
 * ordinary code: no eval, no schema walking, a few microseconds per document.
 *
 * Writes two modules, each a `.js` with its `.d.ts`:
 * - shared/validation/wire-validators.generated.js: documents as they travel (server and PC);
 * - renderer/src/core/store/stored-validators.generated.js: documents as the local store writes them,
 *   i.e. each collection's schema as RxDB fills it (`_meta`, `_rev`, `_deleted`, `_attachments`).
 *
 * `tests/unit/renderer/core/store/compiled-validators.test.ts` regenerates both in memory and fails when
 * a committed file differs from what its schema now gives: a schema change cannot ship with a
 * stale validator.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { compileValidatorModules } from './validator-sources'

const root = resolve(import.meta.dirname, '..')
void compileValidatorModules().then((modules) => {
  for (const module of modules) {
    writeFileSync(resolve(root, module.jsPath), module.js)
    writeFileSync(resolve(root, module.dtsPath), module.dts)
    process.stdout.write(`${module.jsPath}: ${module.names.join(', ')}\n`)
  }
})
