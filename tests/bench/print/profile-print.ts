/**
 * Where the print worker's time goes, in Node (the same V8 and the same drawing code as the
 * worker, but Node's native zlib where the browser build of pdfkit deflates in JS):
 * `node --import tsx --cpu-prof --cpu-prof-dir DIR tests/bench/print/profile-print.ts [--count N]`
 * renders N (1,000) ID-1 cards three times with the district's fonts and logos, prints each time,
 * and leaves a CPU profile in DIR (open it in Chromium's DevTools). A diagnostic, not a
 * benchmark: the figures that count are run-print-bench.ts's, in Chromium.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseDistrictConfig } from '../../../shared/district/district-config'
import { brandingFromDistrict } from '../../../shared/printing/branding'
import { NO_CALIBRATION, type PrintableParticipant } from '../../../shared/printing/print-model'
import { renderPrintJob } from '../../../shared/printing/render-print-job'

const ROOT = resolve(import.meta.dirname, '../../..')
const resource = (path: string) => readFile(resolve(ROOT, 'resources', path))
const index = process.argv.indexOf('--count')
const COUNT = index === -1 ? 1000 : Number(process.argv[index + 1])

async function main() {
  const config = parseDistrictConfig(
    JSON.parse((await resource('district/district.json')).toString()),
  )
  const logos = await Promise.all(config.print.logos.map((name) => resource(`district/${name}`)))
  const options = {
    fonts: {
      regular: await resource('fonts/NotoSans-Regular.ttf'),
      bold: await resource('fonts/NotoSans-Bold.ttf'),
    },
    branding: brandingFromDistrict(config, 2026, logos, 'id'),
    calibration: NO_CALIBRATION,
  }
  // A token as long as a real one (~350 base45 characters), different per card.
  const token = (i: number) => `NGN1:${String(i).padStart(6, '0')}${'A1B2C3D4E5'.repeat(35)}`
  const people: PrintableParticipant[] = Array.from({ length: COUNT }, (_, i) => ({
    participantId: `p-${i}`,
    fullName: `Siti Nurhaliza Binti Abdullah ${i}`,
    maskedNik: `640206******${String(i % 10_000).padStart(4, '0')}`,
    participantNumber: `REG-6402060001-${String(i).padStart(6, '0')}`,
    participantNumberKind: 'registration',
    birthDate: '1980-05-17',
    villageName: 'Loa Ipuh Darat',
    kecamatanName: 'Tenggarong',
    rt: '012',
    rw: '003',
    coverageFrom: '2026-01-01',
    coverageUntil: '2026-12-31',
    serial: `K-2026-${String(i).padStart(6, '0')}`,
    qrText: token(i),
  }))
  for (let run = 0; run < 3; run++) {
    const start = performance.now()
    const result = await renderPrintJob(
      { kind: 'card', layout: 'id1-single', withBack: false, people },
      options,
    )
    if (!result.ok) throw new Error(result.reason)
    console.log(
      `run ${run + 1}: ${(performance.now() - start).toFixed(0)} ms, ${result.pdf.length} bytes`,
    )
  }
}

void main()
