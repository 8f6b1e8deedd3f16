/** The hardening suite on a real PostgreSQL 15 this file starts itself. */
import { afterAll, beforeAll } from 'vitest'
import { defineHardeningSuite } from './hardening-suite'
import { startPostgres, type TestPostgres } from './support/postgres'
import { startTestServer } from './support/server-fixture'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startPostgres()
}, 60_000)

afterAll(async () => {
  await cluster?.stop()
})

defineHardeningSuite('PostgreSQL 15', {
  start: async (options) => startTestServer({ url: await cluster.createDatabase() }, options),
})
