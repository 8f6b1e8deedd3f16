/**
 * Lets the renderer's modules run under `npx tsx`: Vite turns `import text from 'x.csv?raw'` into
 * the file's text (renderer/src/core/district.ts); plain Node would compile the CSV as JavaScript.
 * Import this module before any renderer module.
 */
import { readFileSync } from 'node:fs'
import Module from 'node:module'

type Loader = (module: { exports: unknown }, filename: string) => void
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions
const loadText: Loader = (module, filename) => {
  module.exports = readFileSync(filename.replace(/\?.*$/, ''), 'utf8')
}
extensions['.csv'] = loadText
// tsx hands the file over as `wilayah.csv?raw=`.
extensions['.csv?raw'] = loadText
extensions['.csv?raw='] = loadText
