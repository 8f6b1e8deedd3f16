import { expect, test, type Browser } from '@playwright/test'
import type { DeviceInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { decodeQrCodes, pdfFileOf } from '../support/pdf-tools'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { makassarYear } from './support/makassar-dates'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * A kecamatan PC prints a card and is then stolen: the admin revokes it. A PC of another office
 * that verifies cards fetches the keys again, and from then on — offline too — a card signed by
 * the stolen PC on or after that day reads "DICABUT", not "ASLI".
 */

const PASSWORD = 'kata-sandi-cabut-1'
const SYNC_MS = 30_000

let server: SyncServer

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(60_000)
  server = await startSyncServer()
})

test.afterAll(async () => {
  await server?.close()
})

async function newPc(browser: Browser) {
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    acceptDownloads: true,
  })
  return { context, app: new NaunganApp(await context.newPage()) }
}

async function printOneCard(app: NaunganApp, fullName: string): Promise<string> {
  const print = app.print
  await print.open()
  await expect(print.signingKey('06-51')).toBeVisible()
  await print.chooseLayout('Kartu peserta — satu kartu per halaman (printer kartu PVC)')
  await print.choice(fullName).check({ timeout: SYNC_MS })
  await print.makePdf(1, 1, 30_000)
  const file = await pdfFileOf(await print.downloadPdf())
  try {
    const [token] = await decodeQrCodes(file.path, 600)
    if (!token) throw new Error('no QR code on the printed card')
    return token
  } finally {
    await file.cleanup()
  }
}

test('a revoked PC’s card reads "DICABUT" on a verifying PC that fetched the keys since, offline too', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const printingOffice = await server.createKecamatanOffice('64.02.06', 51)
  const verifyingOffice = await server.createKecamatanOffice('64.02.01', 52)
  await server.createUser({
    officeId: printingOffice.id,
    username: 'pencetak51',
    displayName: 'Petugas Cetak',
    role: 'operator',
    password: PASSWORD,
  })
  await server.createUser({
    officeId: verifyingOffice.id,
    username: 'pemeriksa52',
    displayName: 'Petugas Periksa',
    role: 'operator',
    password: PASSWORD,
  })
  const year = String(makassarYear())
  const [person] = await server.seedCoveredParticipants<ParticipantWireDocument>(
    printingOffice,
    ['Rahmat Hidayat'],
    `${year}-01-01`,
  )

  const printing = await newPc(browser)
  const verifying = await newPc(browser)
  try {
    // ---- the kecamatan PC prints a card while it is still trusted
    const printCode = await server.createEnrolmentCode(printingOffice.id)
    await printing.app.enrol.connect(server.url, printCode.code, 'PC cetak 51')
    await printing.app.login.signIn('pencetak51', PASSWORD)
    const token = await printOneCard(printing.app, person!.fullName)

    // ---- another office's PC checks it: genuine, and it holds an empty list of revoked PCs
    const verifyCode = await server.createEnrolmentCode(verifyingOffice.id)
    await verifying.app.enrol.connect(server.url, verifyCode.code, 'PC periksa 52')
    await verifying.app.login.signIn('pemeriksa52', PASSWORD)
    const page = verifying.app.page
    const cardCheck = verifying.app.cardCheck
    await verifying.app.expectSyncState('synced', SYNC_MS)
    await cardCheck.open()
    const listAge = cardCheck.revocationListAge
    await expect(listAge).toContainText(/Daftar pencabutan per \d{2} \w{3} \d{4}: 0 perangkat/)
    const result = cardCheck.result
    await cardCheck.scanWithUsbScanner(token)
    await expect(result).toContainText('ASLI — kartu berlaku')

    // ---- the printing PC is stolen: the admin revokes it
    const devices = await server.adminApi<{ devices: DeviceInfo[] }>(
      'GET',
      `/api/admin/devices?officeId=${printingOffice.id}`,
    )
    const stolen = devices.body.devices.find((device) => device.name === 'PC cetak 51')!
    expect(stolen.cardPublicKey).not.toBeNull()
    const revoke = await server.adminApi('POST', `/api/admin/devices/${stolen.id}/revoke`)
    expect(revoke.status).toBe(200)

    // ---- the verifying PC syncs from another screen (no one opens the verify screen online):
    // the sync fetches the keys and the list too. Then it goes offline.
    await page.keyboard.press('Alt+2')
    const cardKeysFetched = page.waitForResponse(
      (response) => response.url().endsWith('/api/card-keys') && response.ok(),
    )
    await verifying.app.syncIndicator.getByRole('button', { name: 'Sinkronkan sekarang' }).click()
    await cardKeysFetched
    await verifying.context.setOffline(true)
    // Kept on this PC (the answer is verified and stored just after it arrives): reopening the
    // screen offline reads it from the store.
    await expect
      .poll(
        async () => {
          await cardCheck.reopen()
          return (await listAge.textContent()) ?? ''
        },
        { timeout: 10_000 },
      )
      .toMatch(/Daftar pencabutan per \d{2} \w{3} \d{4}: 1 perangkat/)

    await cardCheck.scanWithUsbScanner(token)
    await expect(result).toContainText('DICABUT — ditandatangani perangkat yang sudah dicabut')
    await expect(result).toHaveAttribute('data-tone', 'reject')
    await expect(result).toContainText('jangan diterima')

    // ---- and it keeps knowing after a restart of the app with the server out of reach (the app
    // itself is served over HTTP here, so the page loads; every call to the server fails)
    await verifying.context.route(`${server.url}/**`, (route) => route.abort())
    await verifying.context.setOffline(false)
    await page.reload()
    await verifying.app.login.submit('pemeriksa52', PASSWORD)
    await expect(verifying.app.login.form).toBeHidden({ timeout: SYNC_MS })
    await cardCheck.open()
    await expect(listAge).toContainText(': 1 perangkat')
    await cardCheck.scanWithUsbScanner(token)
    await expect(result).toContainText('DICABUT')
  } finally {
    await printing.context.close()
    await verifying.context.close()
  }
})
