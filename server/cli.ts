/**
 * npm run server -- [--data ./data] [--port 8787] [--host 127.0.0.1]
 * npm run server -- create-admin --username X --password Y [--display-name "…"] [--data ./data]
 *   (also prints the one-time code that enrols the admin's own first PC)
 * npm run server -- enrolment-code [--office PUSAT] [--data ./data]   (another code, e.g. expired)
 *
 * Without DATABASE_URL the server runs on embedded PGlite in the data folder; with it, on that
 * PostgreSQL (then NAUNGAN_TOKEN_KEY, NAUNGAN_DATA_KEY and NAUNGAN_CARD_SIGNING_KEY are required).
 */
import { parseArgs } from 'node:util'
import { ApiFailure } from './http-kit'
import { migrate } from './migrations'
import { listSecurityEvents, MAX_SECURITY_EVENTS_PAGE } from './security-log'
import { describeErrorForLog, openDatabase, startServer, type StartServerOptions } from './server'
import { createServerLog, parseLogLevel } from './server-log'
import { runBackup, runRestore } from './backup-commands'

const USAGE = `Usage:
  npm run server -- [--data DIR] [--key-file FILE] [--port N] [--host ADDR]
                    [--allowed-origins ORIGIN,…] [--trusted-proxies IP,…]
  npm run server -- security-events [--data DIR] [--limit N]    (newest N, one JSON line each)
  npm run server -- backup --data DIR --out FILE     (a consistent snapshot, also while serving)
  npm run server -- restore --data DIR --from FILE [--force]
                    (into a stopped server's empty data folder or database; --force moves an
                    existing data folder aside, or empties DATABASE_URL's schema)
  npm run server -- create-admin --username NAME --password PASSWORD [--display-name TEXT] [--data DIR]
                    (prints the one-time code that enrols the admin's first PC)
  npm run server -- enrolment-code [--office CODE] [--data DIR]   (a new one-time code; default
                    the central office, e.g. when the first one expired)
Environment: DATABASE_URL (PostgreSQL; default embedded PGlite in DIR), NAUNGAN_TOKEN_KEY,
  NAUNGAN_DATA_KEY, NAUNGAN_CARD_SIGNING_KEY, NAUNGAN_CARD_TRUSTED_KEYS (retired card keys),
  NAUNGAN_ALLOWED_ORIGINS (origins of the browser build besides app://naungan, comma-separated),
  NAUNGAN_TRUSTED_PROXIES (TLS proxy addresses whose X-Forwarded-For is believed),
  NAUNGAN_KEY_FILE (embedded only: the key file, kept apart from DIR),
  NAUNGAN_LOG_LEVEL (debug, info, warn, error; default info: one JSON line per request on stderr).`

/**
 * The code goes to stdout alone on its line (`Kode pendaftaran: XXXX-XXXX`) so a script can read
 * it; the explanation goes to stderr with the other messages.
 */
function printEnrolmentCode(
  office: { code: string; name: string },
  created: { code: string; expiresAt: string },
): void {
  process.stdout.write(`Kode pendaftaran: ${created.code}\n`)
  console.warn(
    `Masukkan kode itu di aplikasi pada PC kantor ${office.code} (${office.name}): Pengaturan → ` +
      `"Hubungkan komputer ini ke server pusat". Sekali pakai, berlaku sampai ${created.expiresAt} (UTC).\n` +
      `Enter that code in the app on the ${office.code} PC under Pengaturan → "Hubungkan komputer ini ` +
      `ke server pusat". One use only, valid until ${created.expiresAt} (UTC).`,
  )
}

async function main(argv: string[]): Promise<void> {
  // Everything the server creates (PGlite's files, the key file, temp files) is owner-only.
  process.umask(0o077)
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: './data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'allowed-origins': { type: 'string' },
      'trusted-proxies': { type: 'string' },
      'key-file': { type: 'string' },
      limit: { type: 'string', default: '50' },
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      office: { type: 'string', default: 'PUSAT' },
      out: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.warn(USAGE)
    return
  }
  const databaseUrl = process.env.DATABASE_URL
  const base: Pick<StartServerOptions, 'database' | 'dataDir' | 'keyFile'> = databaseUrl
    ? { database: { url: databaseUrl } }
    : {
        database: 'pglite',
        dataDir: values.data,
        ...(values['key-file'] ? { keyFile: values['key-file'] } : {}),
      }
  const command = positionals[0] ?? 'serve'

  if (command === 'create-admin') {
    if (!values.username || !values.password) throw new Error(USAGE)
    // Port 0 on loopback: the accounts code runs with migrations applied, nothing is exposed.
    const server = await startServer({ ...base, port: 0, host: '127.0.0.1' })
    try {
      const office = await server.admin.ensureCentralOffice()
      const user = await server.admin.createUser({
        officeId: office.id,
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        role: 'admin',
        password: values.password,
      })
      console.warn(`Admin "${user.username}" created in office ${office.code} (${office.name}).`)
      // The admin's own PC is enrolled like any other: without this code nothing in the app could
      // get it past "Hubungkan komputer ini ke server pusat".
      printEnrolmentCode(office, await server.admin.createEnrolmentCode(office.id))
    } finally {
      await server.close()
    }
    return
  }
  if (command === 'enrolment-code') {
    const server = await startServer({ ...base, port: 0, host: '127.0.0.1' })
    try {
      const wanted = values.office.trim().toUpperCase()
      const offices =
        wanted === 'PUSAT'
          ? [await server.admin.ensureCentralOffice()]
          : await server.admin.listOffices()
      const office = offices.find((entry) => entry.code.toUpperCase() === wanted)
      if (!office) throw new Error(`Kantor ${values.office} tidak ada / office not found.`)
      printEnrolmentCode(office, await server.admin.createEnrolmentCode(office.id))
    } finally {
      await server.close()
    }
    return
  }
  if (command === 'security-events') {
    const limit = Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SECURITY_EVENTS_PAGE) {
      throw new Error(`--limit must be 1–${MAX_SECURITY_EVENTS_PAGE}`)
    }
    // The database only: no keys are needed to read the log, and nothing listens.
    const db = await openDatabase(base)
    try {
      await migrate(db)
      const events = await listSecurityEvents(db, { limit })
      // Oldest of the page first, so the newest line ends the output like a log.
      for (const event of events.reverse()) process.stdout.write(`${JSON.stringify(event)}\n`)
      if (events.length === 0) console.warn('No security events recorded.')
    } finally {
      await db.close()
    }
    return
  }
  if (command === 'backup') {
    if (!values.out) throw new Error(USAGE)
    const summary = await runBackup(base, values.data, values.out)
    console.warn(
      `Cadangan ditulis / backup written: ${values.out} (${summary.rows.participants ?? 0} peserta, ${summary.header.takenAt}). Simpan kunci server terpisah dari berkas ini (docs/operations.md).`,
    )
    return
  }
  if (command === 'restore') {
    if (!values.from) throw new Error(USAGE)
    const restored = await runRestore(base, values.data, values.from, values.force)
    console.warn(
      `Dipulihkan / restored: ${restored.rows.participants ?? 0} peserta dari cadangan ${restored.header.takenAt}. Generasi server baru ${restored.generation}: setiap PC mengirim ulang yang dipegangnya saat sinkron berikutnya.`,
    )
    return
  }
  if (command !== 'serve') throw new Error(USAGE)

  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535')
  const log = createServerLog({ minLevel: parseLogLevel(process.env.NAUNGAN_LOG_LEVEL) })
  const server = await startServer({
    ...base,
    log,
    controlSocket: true,
    port,
    host: values.host,
    ...(values['allowed-origins'] === undefined
      ? {}
      : { allowedOrigins: values['allowed-origins'].split(',') }),
    ...(values['trusted-proxies'] === undefined
      ? {}
      : { trustedProxies: values['trusted-proxies'].split(',') }),
  })
  let isStopping = false
  const stop = (signal: string) => {
    if (isStopping) return
    isStopping = true
    console.warn(`${signal}: closing`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  // Before the line below: a signal that arrives with no handler installed ends the process on
  // the spot, leaving the control socket behind (systemd or a test may stop it at once).
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // The line tests and scripts wait for; keep its shape.
  console.warn(`Naungan server listening on ${server.url} (${server.db.kind})`)
}

// Keep serving through a stray rejection (logged without details that could hold personal data).
process.on('unhandledRejection', (reason) => {
  createServerLog().write('error', 'unhandled_rejection', { error: describeErrorForLog(reason) })
})

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ApiFailure ? error.message : describeErrorForLog(error))
  process.exit(1)
})
