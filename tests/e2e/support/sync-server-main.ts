/**
 * A real central server for the Chromium sync stories, run as its own process with tsx (the server
 * resolves its resources with `import.meta.url`, which Playwright's CommonJS transform cannot
 * load). It starts on PGlite in a temp dir on a free 127.0.0.1 port, then answers one JSON
 * command per stdin line with one `@@`-prefixed JSON line on stdout: the fixture helpers
 * (offices, users, enrolment codes) and calls to the admin HTTP API as a central admin.
 * It exits on `close`, when stdin ends (the test process died) or on SIGTERM.
 */
import { createInterface } from 'node:readline'
import { currentTime } from '../../../shared/dates/clock'
import type { OfficeInfo, ParticipantWireDocument } from '../../../shared/sync/sync-protocol'
import { nameSearchKey } from '../../../shared/participant/names'
import { reviewed, withCheckDecision } from '../../../shared/workflow/workflow'
import { withEnrolment } from '../../../shared/coverage/coverage-status'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  randomKeys,
  startTestServer,
  tempDir,
} from '../../server/support/server-fixture'
import { basename, join } from 'node:path'
import { runBackup, runRestore } from '../../../server/backup-commands'

type Command = { id: number; op: string; args: Record<string, unknown> }

async function main(): Promise<void> {
  // Its own data folder and keys, kept apart: the restore drill restores the folder and starts
  // the server again on the same address with the same keys (docs/operations.md).
  const dataDir = tempDir('naungan-e2e-server-')
  const keys = randomKeys()
  let server = await startTestServer('pglite', { dataDir, keys, controlSocket: true })
  let backups = 0
  const central = await server.admin.ensureCentralOffice()
  const admin = await enrolAndLogin(server, central, { role: 'admin', username: 'admin-uji' })

  const agencyOffices = new Map<string, OfficeInfo>()
  async function agencyOffice(agencyCode: string): Promise<OfficeInfo> {
    const known = agencyOffices.get(agencyCode)
    if (known) return known
    const office = await server.admin.createOffice({
      code: `${agencyCode.toUpperCase().slice(0, 6)}-S`,
      name: `Kantor ${agencyCode} (seed)`,
      kind: 'agency',
      kecamatanCode: null,
      officeNumber: null,
      agencyCode,
    })
    agencyOffices.set(agencyCode, office)
    return office
  }

  async function run({ op, args }: Command): Promise<unknown> {
    switch (op) {
      case 'createKecamatanOffice':
        return createKecamatanOffice(server, String(args.kecamatanCode), Number(args.officeNumber))
      case 'centralOffice':
        return central
      case 'createUser':
        return server.admin.createUser(args as never)
      case 'createEnrolmentCode':
        return server.admin.createEnrolmentCode(String(args.officeId))
      case 'adminApi': {
        const response = await api(server.url, args.method as 'GET' | 'POST', String(args.path), {
          token: admin.token,
          ...(args.body === undefined ? {} : { body: args.body }),
        })
        return { status: response.status, body: response.body }
      }
      case 'pullAll':
        return (await admin.pullAll()).documents
      case 'backup': {
        // As the IT admin runs it while the server serves (npm run server -- backup).
        const file = join(dataDir, `..`, `${basename(dataDir)}-${++backups}.backup.gz`)
        await runBackup({ database: 'pglite', dataDir }, dataDir, file)
        return file
      }
      case 'restore': {
        // The server stopped, its folder restored from `file` (--force), started again on the
        // same address: PCs find it where it was, gone back in time.
        const port = server.port
        await server.close()
        await runRestore({ database: 'pglite', dataDir }, dataDir, String(args.file), true)
        server = await startTestServer('pglite', { dataDir, keys, controlSocket: true, port })
        return { generation: server.generation }
      }
      case 'auditEntries': {
        const { rows } = await server.db.query<{ entry: Record<string, unknown> }>(
          'SELECT entry FROM audit_entries ORDER BY id',
        )
        return rows.map((row) => row.entry)
      }
      case 'seedParticipants': {
        // Registered by a clerk of `office` on another PC: the story's office pulls them.
        const office = args.office as OfficeInfo
        const clerk = await enrolAndLogin(server, office, { role: 'operator' })
        const docs = newPeople(office, args)
        const pushed = await clerk.push(docs.map((doc) => ({ newDocumentState: doc })))
        if (pushed.body.rejected.length > 0) {
          throw new Error(`seed refused: ${JSON.stringify(pushed.body.rejected)}`)
        }
        return docs
      }
      case 'seedApprovedParticipants': {
        // Approved the way the workflow approves: a clerk of `office` submits, a verifier of each
        // required agency confirms, a central supervisor approves — every step a real push.
        const office = args.office as OfficeInfo
        const clerk = await enrolAndLogin(server, office, { role: 'operator' })
        const docs = newPeople(office, args)
        const ids = new Set(docs.map((doc) => doc.id))
        const submitted = await clerk.push(docs.map((doc) => ({ newDocumentState: doc })))
        if (submitted.body.rejected.length > 0) {
          throw new Error(`seed refused: ${JSON.stringify(submitted.body.rejected)}`)
        }
        const step = async (
          client: Awaited<ReturnType<typeof enrolAndLogin>>,
          change: (doc: ParticipantWireDocument, at: string) => ParticipantWireDocument,
        ) => {
          const { documents } = await client.pullAll()
          const at = currentTime().toISOString()
          const rows = documents
            .filter((doc) => ids.has(doc.id))
            .map((doc) => ({ assumedMasterState: doc, newDocumentState: change(doc, at) }))
          const pushed = await client.push(rows)
          if (pushed.body.rejected.length > 0) {
            throw new Error(`seed step refused: ${JSON.stringify(pushed.body.rejected)}`)
          }
        }
        const agencies = [...new Set(docs.flatMap((doc) => doc.checks.map((c) => c.agency)))]
        for (const agency of agencies) {
          const verifier = await enrolAndLogin(server, await agencyOffice(agency), {
            role: 'verifier',
          })
          const actor = {
            role: 'verifier' as const,
            agency,
            name: verifier.session.user.displayName,
          }
          await step(verifier, (doc, at) => ({
            ...doc,
            ...withCheckDecision(doc, { agency, state: 'confirmed', actor, at }),
            updatedAt: at,
            updatedBy: actor.name,
          }))
        }
        const boss = await enrolAndLogin(server, central, { role: 'supervisor' })
        const by = boss.session.user.displayName
        await step(boss, (doc, at) => ({
          ...doc,
          ...reviewed(doc, { decision: 'approved', note: '', by, at }),
          updatedAt: at,
          updatedBy: by,
        }))
        const { documents } = await admin.pullAll()
        return documents.filter((doc) => ids.has(doc.id))
      }
      case 'seedCoveredParticipants': {
        // Approved as above, then enrolled the way BPJS's answer enrols them: a KPJ and a
        // coverage period from `coverageStart`, recorded by a central supervisor.
        const approved = (await run({
          id: 0,
          op: 'seedApprovedParticipants',
          args: {
            office: args.office,
            fullNames: args.fullNames,
            birthDates: args.birthDates,
            nikRegion: args.nikRegion,
          },
        })) as ParticipantWireDocument[]
        const coverageStart = String(args.coverageStart)
        const boss = await enrolAndLogin(server, central, { role: 'supervisor' })
        const by = boss.session.user.displayName
        const at = currentTime().toISOString()
        const rows = approved.map((doc, index) => {
          const enrolled = withEnrolment(doc, {
            kpjNumber: String(20_000_000_000 + index),
            coverageStart,
            year: Number(coverageStart.slice(0, 4)),
            batchId: 'SEED-E2E',
            today: coverageStart,
          })
          if (!enrolled.ok) throw new Error(`seed enrolment refused: ${enrolled.problem.code}`)
          return {
            assumedMasterState: doc,
            newDocumentState: { ...enrolled.doc, updatedAt: at, updatedBy: by },
          }
        })
        const pushed = await boss.push(rows)
        if (pushed.body.rejected.length > 0) {
          throw new Error(`seed enrolment refused: ${JSON.stringify(pushed.body.rejected)}`)
        }
        const ids = new Set(approved.map((doc) => doc.id))
        return (await admin.pullAll()).documents.filter((doc) => ids.has(doc.id))
      }
      case 'cardKeys':
        return (await api(server.url, 'GET', '/api/card-keys')).body
      case 'createAgencyOffice': {
        // An agency office checks for one agency (district.json verification.agencies).
        const agencyCode = String(args.agencyCode)
        return server.admin.createOffice({
          code: agencyCode.toUpperCase().slice(0, 8),
          name: `Kantor ${agencyCode}`,
          kind: 'agency',
          kecamatanCode: null,
          officeNumber: null,
          agencyCode,
        })
      }
      case 'pushAsVerifier': {
        // A verifier of `office` who bypasses the app: pulls the record, changes the clerk's
        // fields in `changes`, pushes it over HTTP, and reports what the server answered.
        const office = args.office as OfficeInfo
        const verifier = await enrolAndLogin(server, office, { role: 'verifier' })
        const { documents } = await verifier.pullAll()
        const stored = documents.find((doc) => doc.id === String(args.participantId))
        if (!stored) throw new Error(`participant ${String(args.participantId)} not pulled`)
        const forged = {
          ...stored,
          ...(args.changes as Record<string, unknown>),
          updatedAt: currentTime().toISOString(),
          updatedBy: verifier.session.user.displayName,
        }
        const pushed = await verifier.push([
          { assumedMasterState: stored, newDocumentState: forged },
        ])
        return { status: pushed.status, body: pushed.body }
      }
      default:
        throw new Error(`unknown op ${op}`)
    }
  }

  let closing = false
  async function close(code = 0): Promise<never> {
    if (!closing) {
      closing = true
      await server.close().catch(() => undefined)
    }
    process.exit(code)
  }
  process.on('SIGTERM', () => void close())

  const reply = (payload: unknown) => process.stdout.write(`@@${JSON.stringify(payload)}\n`)
  reply({ ready: true, url: server.url })

  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const command = JSON.parse(line) as Command
    if (command.op === 'close') {
      reply({ id: command.id, ok: true })
      void close()
      return
    }
    run(command).then(
      (result) => reply({ id: command.id, ok: true, result }),
      (error: unknown) => reply({ id: command.id, ok: false, error: String(error) }),
    )
  })
  lines.on('close', () => void close())
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

/**
 * New records of `office` for `args.fullNames`; a birth date asked for by name
 * (`args.birthDates`) is carried by the NIK too (DDMMYY, a man's day as is).
 */
function newPeople(office: OfficeInfo, args: Record<string, unknown>) {
  const birthDates = (args.birthDates ?? {}) as Record<string, string>
  // Where the NIK was first issued: Tenggarong unless asked (another district's own people).
  const nikRegion = typeof args.nikRegion === 'string' ? args.nikRegion : '640206'
  return (args.fullNames as string[]).map((fullName, index) => {
    const birthDate = birthDates[fullName] ?? (nikRegion !== '640206' ? '1988-05-20' : undefined)
    const born = birthDate
      ? {
          birthDate,
          nik: `${nikRegion}${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(9000 + index).padStart(4, '0')}`,
          kk: `${nikRegion}0101100${String(100 + index).slice(-3)}`,
        }
      : {}
    return makeParticipant(office, { fullName, nameKey: nameSearchKey(fullName), ...born })
  })
}
