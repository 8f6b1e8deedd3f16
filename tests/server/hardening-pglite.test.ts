import { defineHardeningSuite } from './hardening-suite'
import { startTestServer } from './support/server-fixture'

defineHardeningSuite('embedded PGlite', {
  start: (options) => startTestServer('pglite', options),
})
