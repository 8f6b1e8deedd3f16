import { afterAll, beforeAll } from 'vitest'
import { defineAuthorisationSuite } from './authorisation-suite'
import { startPostgres, type TestPostgres } from './support/postgres'
import { startTestServer } from './support/server-fixture'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startPostgres()
}, 60_000)

afterAll(async () => {
  await cluster?.stop()
})

defineAuthorisationSuite('PostgreSQL 15', {
  start: async () => startTestServer({ url: await cluster.createDatabase() }),
})
