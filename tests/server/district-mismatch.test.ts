import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadServerDistrict } from '../../server/district'
import type { RunningServer } from '../../server/server'
import type { EnrolResponse, HealthResponse } from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  randomKeys,
  startTestServer,
  tempDir,
  TEST_PASSWORD,
} from './support/server-fixture'

const ROOT = resolve(import.meta.dirname, '../..')
const SAMARINDA_DIR = join(ROOT, 'resources/districts/64.72')

/**
 * A PC built for one district never enrols at, nor signs in to, another district's server (issue
 * 19): its records would land under another regency's rules, and that regency's under its own.
 * Both servers are real, on 127.0.0.1; each is given its district the way the CLI gives it.
 */
describe("a PC of another district is refused by the server, in the server's words", () => {
  let kukar: RunningServer
  let samarinda: RunningServer

  beforeAll(async () => {
    kukar = await startTestServer('pglite')
    samarinda = await startTestServer('pglite', {
      district: loadServerDistrict(
        join(SAMARINDA_DIR, 'district.json'),
        join(SAMARINDA_DIR, 'wilayah.csv'),
      ),
    })
  })

  afterAll(async () => {
    await kukar?.close()
    await samarinda?.close()
  })

  it('each server says which district it serves', async () => {
    const health = async (server: RunningServer) =>
      (await api<HealthResponse>(server.url, 'GET', '/api/health')).body.district
    expect(await health(kukar)).toEqual({ code: '64.02', name: 'Kabupaten Kutai Kartanegara' })
    expect(await health(samarinda)).toEqual({ code: '64.72', name: 'Kota Samarinda' })
  })

  it('refuses the enrolment of a PC built for another district and keeps the code usable', async () => {
    const office = await createKecamatanOffice(samarinda, '64.72.01', 1)
    const { code } = await samarinda.admin.createEnrolmentCode(office.id)
    const refused = await api<{ error: { code: string; message: string } }>(
      samarinda.url,
      'POST',
      '/api/enrol',
      { body: { code, deviceName: 'PC Tenggarong', districtCode: '64.02' } },
    )
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('DISTRICT_MISMATCH')
    expect(refused.body.error.message).toBe(
      'Server ini melayani Kota Samarinda (64.72), sedangkan aplikasi di PC ini disiapkan untuk wilayah 64.02. Pasang aplikasi untuk Kota Samarinda atau periksa alamat server.',
    )
    // The refusal came before the code was spent: the right app enrols with it.
    const enrolled = await api<EnrolResponse>(samarinda.url, 'POST', '/api/enrol', {
      body: { code, deviceName: 'PC Palaran', districtCode: '64.72' },
    })
    expect(enrolled.status).toBe(200)
    expect(enrolled.body.office.kecamatanCode).toBe('64.72.01')
  })

  it('refuses the sign-in of a PC that says it is of another district', async () => {
    const office = await createKecamatanOffice(kukar, '64.02.06', 1)
    await kukar.admin.createUser({
      officeId: office.id,
      username: 'rina-distrik',
      displayName: 'Rina',
      role: 'operator',
      password: TEST_PASSWORD,
    })
    const { code } = await kukar.admin.createEnrolmentCode(office.id)
    const enrolled = await api<EnrolResponse>(kukar.url, 'POST', '/api/enrol', {
      body: { code, deviceName: 'PC loket', districtCode: '64.02' },
    })
    expect(enrolled.status).toBe(200)
    const login = (districtCode: string) =>
      api<{ error?: { code: string }; accessToken?: string }>(kukar.url, 'POST', '/api/session', {
        body: {
          deviceId: enrolled.body.deviceId,
          deviceSecret: enrolled.body.deviceSecret,
          username: 'rina-distrik',
          password: TEST_PASSWORD,
          districtCode,
        },
      })
    const refused = await login('64.72')
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'DISTRICT_MISMATCH'])
    expect(refused.body.accessToken).toBeUndefined()
    const signedIn = await login('64.02')
    expect(signedIn.status).toBe(200)
    expect(typeof signedIn.body.accessToken).toBe('string')
  })
})

describe("a server's data is one district's", () => {
  it('refuses to start on it with another district, naming the folder it expects, and changes nothing', async () => {
    const dataDir = tempDir('naungan-district-data-')
    const keys = randomKeys()
    const kukar = await startTestServer('pglite', { dataDir, keys })
    await kukar.close()
    const samarinda = loadServerDistrict(
      join(SAMARINDA_DIR, 'district.json'),
      join(SAMARINDA_DIR, 'wilayah.csv'),
    )
    await expect(startTestServer('pglite', { dataDir, keys, district: samarinda })).rejects.toThrow(
      'Data server ini milik Kabupaten Kutai Kartanegara (64.02), tetapi server dijalankan dengan konfigurasi Kota Samarinda (64.72).',
    )
    // Started again as Kukar, it serves as before.
    const again = await startTestServer('pglite', { dataDir, keys })
    const health = await api<HealthResponse>(again.url, 'GET', '/api/health')
    expect(health.body.district.code).toBe('64.02')
    await again.close()
  })
})
