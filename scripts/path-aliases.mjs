// The renderer's path aliases for Vite and Vitest; tsconfig.base.json states the same three for
// the typecheck, tsx, Playwright and dpdm. `@/` is renderer/src, so an import names its layer
// (`@/core/store/database`) and eslint's layer rules can read it from the path.
import { resolve } from 'node:path'

/** @param {string} root the repository's root */
export function pathAliases(root) {
  return [
    { find: /^@\//, replacement: `${resolve(root, 'renderer/src')}/` },
    { find: /^@shared\//, replacement: `${resolve(root, 'shared')}/` },
    { find: /^@resources\//, replacement: `${resolve(root, 'resources')}/` },
  ]
}
