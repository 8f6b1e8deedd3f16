/**
 * Property-style fault test of the whole sync path: several offices, each a REAL client — an RxDB
 * store on fake-indexeddb with the app's SyncController (replication, conflict handler, live
 * stream, retries, session) — talk to a real server on PGlite, each through its own fault proxy
 * that refuses, delays and cuts connections in the middle of a response. Random rounds: offices go
 * offline, register people, edit shared records (same and different fields) and delete some; then
 * the links heal and everyone syncs to quiescence. After every round:
 *
 * - every office holds exactly the server's live records of its kecamatan, tombstones included;
 * - every edit made is in the final record or kept in `conflicts` (never dropped silently);
 * - nothing was applied twice: one server row per registration, registration numbers unique;
 * - nothing waits to be sent.
 *
 * The run is seeded (`FAULT_SEED=…` replays one); a failure names its seed.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParticipantDocument } from '../../shared/participant/participant-document'
import {
  registrationInputOf,
  validateRegistration,
  type RegistrationInput,
  type ValidRegistration,
} from '../../shared/participant/registration-input'
import { sameJson } from '../../shared/sync/canonical-json'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import {
  registerParticipant,
  updateParticipant,
  type OfficeProfile,
} from '../../renderer/src/core/store/participant-repository'
import { countPendingQuery } from '../../renderer/src/core/store/sync-state-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import { seededRandom, startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from '../server/support/server-fixture'
import { district } from '../unit/support/store-fixture'

const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31))
const ROUNDS = 6
/** How long a healed network may take to settle; far more than it needs. */
const QUIESCENCE_TIMEOUT_MS = 30_000
/** How long the offices work on their bad links before the links heal. */
const APART_MS = 1_500
/** How often an online office's bad link drops its open connections. */
const JOLT_MS = 250

function dropConnections(proxy: FaultProxy): void {
  proxy.set({ down: true })
  proxy.set({ down: false })
}

/** The fields offices edit on each other's records. */
const EDITED_FIELDS = ['address', 'rt', 'heirName'] as const
type EditedField = (typeof EDITED_FIELDS)[number]

interface Office {
  name: string
  info: OfficeInfo
  profile: OfficeProfile
  store: NaunganStore
  proxy: FaultProxy
  /** This office's own `online`/`offline` events (the window's, in the app). */
  link: EventTarget
  session: ServerSession
  controller: SyncController
  offline: boolean
}

interface Edit {
  round: number
  office: string
  id: string
  field: EditedField
  value: string
}

const random = seededRandom(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const chance = (p: number) => random() < p

function today(): string {
  // The server validates against the registration date in WITA (UTC+8).
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

let nikSerial = 0
/** A new walk-in: a man born 1 May 1980–1999, NIK issued in Tenggarong, living in `kecamatan`. */
function newPerson(kecamatanCode: string): ValidRegistration {
  const serial = ++nikSerial
  const day = String(1 + (serial % 28)).padStart(2, '0')
  const year = String(1980 + (serial % 20))
  const input: RegistrationInput = {
    nik: `640206${day}05${year.slice(2)}${String(serial).padStart(4, '0')}`,
    kk: `640206010115${String(serial).padStart(4, '0')}`,
    fullName: `Budi ${letters(serial)}`,
    birthPlace: 'Tenggarong',
    birthDate: `${year}-05-${day}`,
    sex: 'L',
    address: 'Jl. Mangkurawang No. 1',
    rt: '1',
    rw: '2',
    kecamatanCode,
    villageCode: district.regions.villagesOf(kecamatanCode)[0]?.code ?? '',
    occupationCode: 'nelayan',
    monthlyIncome: '1.500.000',
    phone: '0812-3456-7890',
    heirName: 'Siti Aminah',
    heirRelationship: 'suami-istri',
  }
  return valid(input)
}

function valid(input: RegistrationInput): ValidRegistration {
  const result = validateRegistration(input, { district, today: today() })
  if (!result.ok) throw new Error(`test person invalid: ${JSON.stringify(result.errors)}`)
  return result.value
}

/** 1 → "Ab", 2 → "Ac"…: names may hold letters only. */
function letters(n: number): string {
  let text = ''
  let rest = n
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text
    rest = Math.floor(rest / 26)
  } while (rest > 0)
  return `A${text}`
}

/** The record as the form would save it again, with one field changed. */
function edited(doc: ParticipantDocument, field: EditedField, value: string): ValidRegistration {
  return valid({ ...registrationInputOf(doc), [field]: value })
}

let editCounter = 0
/** A value nobody typed before, so each edit can be traced to the end. */
function freshValue(field: EditedField, round: number, office: Office): string {
  const n = ++editCounter
  if (field === 'address') return `Jl. Ronde ${round} ${office.name} No. ${n}`
  if (field === 'rt') return String(100 + n).padStart(3, '0')
  return `Waris ${letters(n + 1000)}`
}

const localJson = (doc: ParticipantDocument): Record<string, unknown> => {
  const { nikIndex: _index, ...rest } = doc
  void _index
  return rest as unknown as Record<string, unknown>
}

const serverJson = (doc: ParticipantWireDocument): Record<string, unknown> => {
  const { _deleted: _flag, ...rest } = doc
  void _flag
  return rest as unknown as Record<string, unknown>
}

describe(`fault injection: offices converge through bad links (seed ${SEED})`, () => {
  let server: RunningServer
  let central: TestClient
  const offices: Office[] = []
  /** Edits found kept in `conflicts` (the merge path was taken). */
  const conflictsSeen = new Set<string>()

  beforeAll(async () => {
    server = await startTestServer('pglite')
    central = await enrolAndLogin(server, await server.admin.ensureCentralOffice(), {
      role: 'admin',
    })
    const layout: [string, string, number][] = [
      ['A', '64.02.06', 1],
      ['B', '64.02.06', 2],
      ['C', '64.02.01', 1],
      ['D', '64.02.01', 2],
    ]
    for (const [name, kecamatanCode, officeNumber] of layout) {
      const info = await createKecamatanOffice(server, kecamatanCode, officeNumber)
      // The clerk's name is the one the PC writes as `createdBy`/`updatedBy` (operatorName).
      const clerk = await enrolAndLogin(server, info, { displayName: `Petugas ${name}` })
      const kecamatan = district.regions.kecamatanByCode(kecamatanCode)
      if (!kecamatan) throw new Error(`unknown kecamatan ${kecamatanCode}`)
      const profile: OfficeProfile = {
        kecamatanCode,
        kecamatanShortCode: kecamatan.shortCode,
        officeNumber,
        operatorName: `Petugas ${name}`,
      }
      const store = await openStore({
        name: `fault-${SEED}-${name}-${Date.now()}`,
        secretHex: (name.charCodeAt(0).toString(16) + '7').repeat(32).slice(0, 64),
        indexedDB,
        IDBKeyRange,
      })
      const proxy = await startFaultProxy({ targetPort: server.port, seed: SEED + officeNumber })
      const enrolment: Enrolment = {
        serverUrl: proxy.url,
        deviceId: clerk.deviceId,
        deviceName: `PC ${name}`,
        office: info,
        enrolledAt: new Date().toISOString(),
      }
      const session = new ServerSession({
        baseUrl: proxy.url,
        credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
        username: clerk.username,
        password: clerk.password,
        fetch: (input, init) => fetch(input, init),
        onRevoked: () => undefined,
      })
      const link = new EventTarget()
      const controller = new SyncController({
        store,
        enrolment,
        session,
        fetch: (input, init) => fetch(input, init),
        linkEvents: link,
      })
      await controller.start()
      offices.push({ name, info, profile, store, proxy, link, session, controller, offline: false })
    }
  }, 60_000)

  afterAll(async () => {
    for (const office of offices) {
      await office.controller.stop()
      office.session.close()
      await office.store.close().catch(() => undefined)
      await office.proxy.close()
    }
    await server?.close()
  })

  /** Every record on the server (tombstones too), read directly, not through any proxy. */
  async function serverRecords(): Promise<ParticipantWireDocument[]> {
    const { documents } = await central.pullAll(null, 1000)
    return documents
  }

  /** Why `office` differs from the server's state of its kecamatan, or null when it does not. */
  async function difference(office: Office, records: ParticipantWireDocument[]) {
    const mine = records.filter((doc) => doc.kecamatanCode === office.info.kecamatanCode)
    const live = mine.filter((doc) => !doc._deleted)
    const local = (await office.store.db.participants.find().exec()).map(
      (doc) => doc.toJSON() as unknown as ParticipantDocument,
    )
    if (local.length !== live.length) {
      return `${office.name} holds ${local.length} records, the server ${live.length}`
    }
    const byId = new Map(live.map((doc) => [doc.id, doc]))
    for (const doc of local) {
      const master = byId.get(doc.id)
      if (!master) return `${office.name} holds ${doc.id}, which the server has not (or deleted)`
      if (!sameJson(localJson(doc), serverJson(master))) {
        return `${office.name} differs on ${doc.id}:\n${JSON.stringify(localJson(doc))}\n${JSON.stringify(serverJson(master))}`
      }
    }
    const pending = await countPendingQuery(office.store).exec()
    if (pending !== 0) return `${office.name} still has ${pending} unsent changes`
    const phase = office.controller.getStatus().phase
    if (phase !== 'synced') return `${office.name} is ${phase}`
    return null
  }

  async function waitForQuiescence(round: number): Promise<ParticipantWireDocument[]> {
    const deadline = Date.now() + QUIESCENCE_TIMEOUT_MS
    let last = ''
    for (;;) {
      const records = await serverRecords()
      const differences = (
        await Promise.all(offices.map((office) => difference(office, records)))
      ).filter(Boolean)
      if (differences.length === 0) return records
      last = differences.join('\n')
      if (Date.now() > deadline) {
        throw new Error(`round ${round}: no convergence in ${QUIESCENCE_TIMEOUT_MS} ms:\n${last}`)
      }
      await new Promise((done) => setTimeout(done, 250))
    }
  }

  it('random offline work, edits of shared records and deletions all converge; nothing is lost or doubled', async () => {
    const registered = new Map<string, { office: string; registrationNumber: string }>()
    const deleted = new Set<string>()
    const edits: Edit[] = []
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        // 1. The links go bad; some offices lose theirs entirely.
        for (const office of offices) {
          office.offline = chance(0.5)
          if (office.offline) {
            office.proxy.set({ down: true })
            office.link.dispatchEvent(new Event('offline'))
          } else {
            dropConnections(office.proxy)
            office.proxy.set({
              down: false,
              refuseProbability: 0.15,
              cutResponseProbability: 0.4,
              latencyMs: Math.floor(random() * 40),
            })
          }
        }

        // 2. Edits of records both offices of a kecamatan hold. For each (record, field) either
        // one office edits it, online or not, or every offline office of the kecamatan does:
        // then all those edits are concurrent and exactly one may win, the rest are conflicts.
        const roundEdits: Edit[] = []
        for (const kecamatanCode of new Set(offices.map((o) => o.info.kecamatanCode))) {
          const here = offices.filter((o) => o.info.kecamatanCode === kecamatanCode)
          const shared = (await here[0]!.store.db.participants.find().exec())
            .map((doc) => doc.id)
            .filter((id) => !deleted.has(id))
          if (shared.length === 0) continue
          const targets = new Set([pick(shared), pick(shared)])
          let first = true
          for (const id of targets) {
            for (const field of EDITED_FIELDS) {
              const offlineHere = here.filter((o) => o.offline)
              // At least one clash per round wherever two offices are apart.
              const roll = first ? 0 : random()
              first = false
              const editors =
                roll < 0.35 && offlineHere.length >= 2
                  ? offlineHere
                  : roll < 0.75
                    ? [pick(here)]
                    : []
              for (const office of editors) {
                roundEdits.push({
                  round,
                  office: office.name,
                  id,
                  field,
                  value: freshValue(field, round, office),
                })
              }
            }
          }
        }
        edits.push(...roundEdits)

        // 3. Each office works: new walk-ins, its share of the edits, now and then a deletion
        // of a record nobody else touches this round.
        const touched = new Set(roundEdits.map((edit) => edit.id))
        await Promise.all(
          offices.map(async (office) => {
            const count = 1 + Math.floor(random() * 3)
            const mine: string[] = []
            for (let i = 0; i < count; i++) {
              const doc = await registerParticipant(
                office.store,
                newPerson(office.info.kecamatanCode!),
                // Drafts: an office deletes only its own drafts (docs/workflow.md).
                { office: office.profile, status: 'draft' },
              )
              registered.set(doc.id, {
                office: office.name,
                registrationNumber: doc.registrationNumber,
              })
              mine.push(doc.id)
            }
            for (const edit of roundEdits.filter((e) => e.office === office.name)) {
              const doc = await office.store.db.participants.findOne(edit.id).exec()
              if (!doc) throw new Error(`${office.name} lacks shared record ${edit.id}`)
              const current = doc.toMutableJSON()
              await updateParticipant(
                office.store,
                edit.id,
                edited(current, edit.field, edit.value),
                { office: office.profile },
              )
            }
            if (mine.length > 1 && chance(0.5)) {
              const victim = mine[0]!
              if (!touched.has(victim)) {
                await office.store.db.participants
                  .findOne(victim)
                  .exec()
                  .then((d) => d?.incrementalRemove())
                deleted.add(victim)
              }
            }
          }),
        )

        // 4. Online offices sync over their bad links for a while. The links also drop every
        // open connection now and then, so new ones meet the refusals and the cuts (fetch
        // keeps connections alive; the proxy decides a connection's fate when it opens).
        for (let waited = 0; waited < APART_MS; waited += JOLT_MS) {
          await new Promise((done) => setTimeout(done, JOLT_MS))
          for (const office of offices.filter((o) => !o.offline)) dropConnections(office.proxy)
        }

        // 5. The links heal; each office hears `online` (the app's window event) once.
        for (const office of offices) {
          office.proxy.set({
            down: false,
            refuseProbability: 0,
            cutResponseProbability: 0,
            latencyMs: 0,
          })
          office.offline = false
          office.link.dispatchEvent(new Event('online'))
        }
        const records = await waitForQuiescence(round)
        checkInvariants(records, registered, deleted, edits)
      }
      const cuts = offices.reduce((sum, office) => sum + office.proxy.stats.cut, 0)
      const refused = offices.reduce((sum, office) => sum + office.proxy.stats.refused, 0)
      // The faults really happened (else this test proves little).
      expect(cuts).toBeGreaterThan(0)
      expect(refused).toBeGreaterThan(0)
      console.info(
        `fault-convergence seed ${SEED}: ${registered.size} registrations, ${edits.length} edits, ` +
          `${deleted.size} deletions, ${conflictsSeen.size} edits kept as conflicts, ` +
          `${cuts} cut responses, ${refused} refused connections`,
      )
    } catch (error) {
      if (error instanceof Error) error.message = `[seed ${SEED}] ${error.message}`
      throw error
    }
  }, 150_000)

  function checkInvariants(
    records: ParticipantWireDocument[],
    registered: Map<string, { office: string; registrationNumber: string }>,
    deleted: Set<string>,
    edits: Edit[],
  ) {
    // Nothing lost, nothing doubled: one row per registration, numbers unique.
    const ids = records.map((doc) => doc.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...registered.keys()].sort())
    const numbers = records.map((doc) => doc.registrationNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const doc of records) {
      expect(doc.registrationNumber).toBe(registered.get(doc.id)?.registrationNumber)
    }
    // Tombstones replicated (the offices' side was checked by the convergence wait).
    const byId = new Map(records.map((doc) => [doc.id, doc]))
    for (const id of deleted) expect(byId.get(id)?._deleted, `tombstone ${id}`).toBe(true)
    // Every edit is in the final record or kept as a conflict.
    for (const edit of edits) {
      const doc = byId.get(edit.id)
      expect(doc, `record ${edit.id}`).toBeDefined()
      if (!doc) continue
      const later = edits.some(
        (other) => other.round > edit.round && other.id === edit.id && other.field === edit.field,
      )
      const inConflicts = doc.conflicts.some(
        (conflict) =>
          conflict.field === edit.field &&
          (conflict.localValue === JSON.stringify(edit.value) ||
            conflict.serverValue === JSON.stringify(edit.value)),
      )
      if (inConflicts) conflictsSeen.add(`${edit.id}|${edit.field}|${edit.value}`)
      // A later round's edit may overwrite it (that office had pulled it first): not a loss.
      if (!later && !inConflicts) {
        expect(
          doc[edit.field],
          `edit of ${edit.field} by ${edit.office} in round ${edit.round} on ${edit.id}`,
        ).toBe(edit.value)
      }
    }
  }
})
