/**
 * The example client of docs/integration.md, run as another district's system would run it: a
 * child process with a key in its environment, against the real server on 127.0.0.1, mirroring
 * participants into a CSV that is read back — twice, so the second run follows the checkpoint.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nameSearchKey } from '../../shared/participant/names'
import type { RunningServer } from '../../server/server'
import type { CreateIntegrationKeyResponse } from '../../shared/integration/integration-api'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { api, makeParticipant, tempDir, type TestClient } from './support/server-fixture'
import { integrationCast, type IntegrationCast } from './support/integration-cast'

const run = promisify(execFile)
const SCRIPT = join(import.meta.dirname, '../../scripts/integration-example.mjs')
const WRITTEN_AT = '2026-12-09T08:00:00.000Z'

/** RFC 4180 as the script writes it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let isQuoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') isQuoted = false
      else cell += char
    } else if (char === '"') isQuoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index++
    } else cell += char
  }
  const [header = [], ...body] = rows
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])))
}

describe('the example client mirrors participants into a CSV', () => {
  let cast: IntegrationCast
  let server: RunningServer
  let tenggarong: OfficeInfo
  let loaKulu: OfficeInfo
  let admin: TestClient
  let clerk: TestClient
  let otherClerk: TestClient

  beforeAll(async () => {
    cast = await integrationCast()
    ;({
      server,
      tenggarong,
      loaKulu,
      admin,
      tenggarongClerk: clerk,
      loaKuluClerk: otherClerk,
    } = cast)
  }, 60_000)

  afterAll(async () => {
    await cast?.close()
  })

  const participantOf = (office: OfficeInfo, overrides: Partial<ParticipantWireDocument> = {}) =>
    makeParticipant(office, { createdAt: WRITTEN_AT, updatedAt: WRITTEN_AT, ...overrides })

  it('writes the key’s kecamatan and fields, then follows additions and deletions', async () => {
    // A name with a comma and an apostrophe: the CSV must keep it whole.
    const fullName = "Ma'ruf Hidayat, S.Pd."
    const first = participantOf(tenggarong, { fullName, nameKey: nameSearchKey(fullName) })
    const draft = participantOf(tenggarong, { status: 'draft', checks: [] })
    const elsewhere = participantOf(loaKulu)
    expect(
      (await clerk.push([{ newDocumentState: first }, { newDocumentState: draft }])).body,
    ).toEqual({ conflicts: [], rejected: [] })
    expect((await otherClerk.push([{ newDocumentState: elsewhere }])).body.rejected).toEqual([])

    const created = await api<CreateIntegrationKeyResponse>(
      server.url,
      'POST',
      '/api/admin/integration-keys',
      {
        token: admin.token,
        body: { name: 'Contoh CSV', fields: ['identity'], kecamatan: ['64.02.06'] },
      },
    )
    const dir = tempDir('naungan-integration-')
    const out = join(dir, 'peserta.csv')
    const mirror = () =>
      run(process.execPath, [SCRIPT, '--out', out, '--state', join(dir, 'state.json')], {
        env: { PATH: '', NAUNGAN_URL: server.url, NAUNGAN_INTEGRATION_KEY: created.body.token },
        timeout: 30_000,
      })

    const firstRun = await mirror()
    expect(firstRun.stdout).toContain('2 peserta')
    const rows = parseCsv(readFileSync(out, 'utf8'))
    expect(rows.map((row) => row.id).sort()).toEqual([first.id, draft.id].sort())
    expect(rows.find((row) => row.id === first.id)).toMatchObject({
      fullName,
      kecamatanCode: '64.02.06',
      birthDate: first.birthDate,
    })
    const text = readFileSync(out, 'utf8')
    expect(text).not.toContain(first.nik)
    expect(text).not.toContain(elsewhere.id)

    // A new record and a deletion arrive; the second run reads only those.
    const second = participantOf(tenggarong)
    expect(
      (
        await clerk.push([
          { newDocumentState: second },
          { assumedMasterState: draft, newDocumentState: { ...draft, _deleted: true } },
        ])
      ).body,
    ).toEqual({ conflicts: [], rejected: [] })
    const secondRun = await mirror()
    expect(secondRun.stdout).toMatch(/^2 perubahan dibaca/)
    const after = parseCsv(readFileSync(out, 'utf8'))
    expect(after.map((row) => row.id).sort()).toEqual([first.id, second.id].sort())
  })

  it('stops with the server’s Indonesian message when the key is refused', async () => {
    const dir = tempDir('naungan-integration-')
    const refused = run(process.execPath, [SCRIPT, '--out', join(dir, 'x.csv')], {
      env: { PATH: '', NAUNGAN_URL: server.url, NAUNGAN_INTEGRATION_KEY: 'ngi_bukan-kunci' },
      timeout: 30_000,
    })
    await expect(refused).rejects.toMatchObject({
      stderr: expect.stringContaining('Kunci integrasi tidak dikenal atau sudah dicabut'),
    })
  })
})
