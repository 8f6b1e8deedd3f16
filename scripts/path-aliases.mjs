// The renderer's path aliases for Vite and Vitest; tsconfig.base.json states the same three for
// the typecheck, tsx, Playwright and dpdm. `@/` is renderer/src, so an import names its layer
// (`@/core/store/database`) and eslint's layer rules can read it from the path.
import { resolve } from 'node:path'

/**
 * The folder of the district this build serves: `NAUNGAN_DISTRICT_DIR` (relative to the
 * repository, or absolute), else resources/district. docs/district-config.md.
 * @param {string} root the repository's root
 */
export function districtDir(root) {
  return resolve(root, process.env.NAUNGAN_DISTRICT_DIR || 'resources/district')
}

/** @param {string} root the repository's root */
export function pathAliases(root) {
  return [
    { find: /^@\//, replacement: `${resolve(root, 'renderer/src')}/` },
    { find: /^@shared\//, replacement: `${resolve(root, 'shared')}/` },
    { find: /^@resources\//, replacement: `${resolve(root, 'resources')}/` },
    { find: /^@district\//, replacement: `${districtDir(root)}/` },
  ]
}
