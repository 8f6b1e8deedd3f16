import { defineAuthorisationSuite } from './authorisation-suite'
import { startTestServer } from './support/server-fixture'

defineAuthorisationSuite('embedded PGlite', { start: () => startTestServer('pglite') })
