/**
 * Real PDFs, read back the way a printer and a scanner would: poppler for page sizes and the
 * text layer (with every word's box), pdftoppm + zbarimg for the QR codes. PDFs are rendered once
 * in beforeAll and shared between assertions.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase45 } from '../../shared/cards/base45'
import { parseDistrictConfig } from '../../shared/district/district-config'
import { maskNik } from '../../shared/identity/masking'
import { brandingFromDistrict } from '../../shared/printing/branding'
import {
  a4CardSlot,
  CARD_FRONT_BOXES,
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
} from '../../shared/printing/card-layout'
import { mmToPt, type RectMm } from '../../shared/printing/geometry'
import {
  NO_CALIBRATION,
  type PrintableParticipant,
  type PrintJob,
  type PrintOptions,
  type PrintResult,
  type StickerTemplate,
} from '../../shared/printing/print-model'
import { renderPrintJob } from '../../shared/printing/render-print-job'
import {
  BUILT_IN_STICKER_TEMPLATES,
  stickerCellRects,
} from '../../shared/printing/sticker-templates'

const runFile = promisify(execFile)

async function run(command: string, args: string[]): Promise<string> {
  const { stdout } = await runFile(`/usr/bin/${command}`, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
}

// --- Test data -----------------------------------------------------------------------------

const resource = (path: string) => readFile(new URL(`../../resources/${path}`, import.meta.url))

/** Deterministic bytes (xorshift32), so a failing QR test fails the same way every run. */
function pseudoRandomBytes(count: number, seed: number): Uint8Array {
  let state = seed * 2654435761 || 1
  return Uint8Array.from({ length: count }, () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state & 0xff
  })
}

/** Shaped like a real card token: "NGN1:" + base45 of ~230 bytes ≈ 350 characters. */
function qrTextFor(seed: number): string {
  return `NGN1:${encodeBase45(pseudoRandomBytes(230, seed))}`
}

/** NIK = kecamatan code (640206) + birth code (DDMMYY, women +40) + sequence. */
const BIRTH_CODES = ['150590', '520885', '311270', '071163', '230498']

interface TestPerson {
  participant: PrintableParticipant
  nik: string
}

function testPerson(index: number, fullName: string, change: Partial<PrintableParticipant> = {}) {
  const nik = `640206${BIRTH_CODES[index % BIRTH_CODES.length]}${String(index + 1).padStart(4, '0')}`
  const participant: PrintableParticipant = {
    participantId: `participant-${index}`,
    fullName,
    maskedNik: maskNik(nik),
    participantNumber: `2026-0601-${String(index + 1).padStart(5, '0')}`,
    participantNumberKind: 'kpj',
    birthDate: '1990-05-15',
    villageName: 'Loa Ipuh Darat',
    kecamatanName: 'Tenggarong',
    rt: '3',
    rw: '12',
    coverageFrom: '2026-01-01',
    coverageUntil: '2026-12-31',
    serial: `7K${String(index).padStart(2, '0')}-9QX${index % 10}`,
    qrText: qrTextFor(index + 1),
    ...change,
  }
  return { participant, nik } satisfies TestPerson
}

const HARD_NAMES = [
  'Siti Aminah',
  // 120 characters with spaces.
  'Muhammad Abdurrahman bin Haji Sulaiman Al-Banjari Putra Mahakam Sejati dari Kampung Loa Janan Ilir Samarinda Seberang Jo',
  // A long word without spaces.
  'Sulaimanabdurrahmanalbanjariputramahakamsejatiloajananilirsamarindaseberang',
  // Many short words.
  'A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A B C D E F G H I',
  // Latin diacritics print as they are.
  'Nguyễn Thị Hồng Nhung Éléonore Müller-Ñúñez Çağlar Øster',
  // The widest capital, 120 times: cannot fit two lines even at 6 pt.
  'W'.repeat(120),
  // No glyphs in Noto Sans: printed as "?".
  '王小明 محمد bin Abdullah 😀',
]

const hardPeople = HARD_NAMES.map((name, index) =>
  testPerson(index, name, index === 6 ? { villageName: '', rt: '', rw: '' } : {}),
)
const tenPeople = Array.from({ length: 10 }, (_, index) =>
  testPerson(20 + index, `Peserta Nomor ${index + 1} Binti Ahmad`),
)
const eightStickerPeople = [
  ...hardPeople,
  testPerson(40, 'Rahmawati', { villageName: '', rt: '', rw: '' }),
]

const a4Template = (id: string) => BUILT_IN_STICKER_TEMPLATES.find((t) => t.id === id)!
const customTemplate: StickerTemplate = {
  id: 'custom-100x150',
  label: 'Label 100 × 150 mm',
  pageWidthMm: 100,
  pageHeightMm: 150,
  rows: 2,
  columns: 1,
  marginTopMm: 5,
  marginLeftMm: 5,
  gapXMm: 0,
  gapYMm: 3,
}

// --- Reading PDFs back -----------------------------------------------------------------------

interface WordBox {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Words per page, boxes in points from the top-left corner (pdftotext -bbox-layout). */
async function wordsByPage(file: string): Promise<WordBox[][]> {
  const xhtml = await run('pdftotext', ['-bbox-layout', file, '-'])
  const pages = xhtml.split('<page ').slice(1)
  return pages.map((page) =>
    [
      ...page.matchAll(
        /<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((match) => ({
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
      text: decodeEntities(match[5] ?? ''),
    })),
  )
}

async function pageSizesMm(file: string): Promise<Array<{ width: number; height: number }>> {
  const pageCount = Number(/Pages:\s+(\d+)/.exec(await run('pdfinfo', [file]))?.[1])
  const info = await run('pdfinfo', ['-f', '1', '-l', String(pageCount), file])
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((match) => ({
    width: (Number(match[1]) * 25.4) / 72,
    height: (Number(match[2]) * 25.4) / 72,
  }))
}

async function plainText(file: string): Promise<string> {
  return run('pdftotext', ['-layout', file, '-'])
}

/** Renders pages at 300 dpi (a common printer resolution) and decodes every QR code on them. */
async function decodeQrCodes(file: string, directory: string, pages?: number[]): Promise<string[]> {
  const prefix = join(directory, `qr-${Math.random().toString(36).slice(2)}`)
  const pageList = pages ?? [undefined]
  await Promise.all(
    pageList.map((page) =>
      run('pdftoppm', [
        '-r',
        '300',
        '-gray',
        ...(page === undefined ? [] : ['-f', String(page), '-l', String(page)]),
        file,
        page === undefined ? prefix : `${prefix}-p${page}`,
      ]),
    ),
  )
  const base = prefix.slice(directory.length + 1)
  const images = (await readdir(directory))
    .filter((name) => name.startsWith(base) && name.endsWith('.pgm'))
    .map((name) => join(directory, name))
  // zbarimg exits with status 4 when an image (a card back) holds no code; its output still counts.
  const output = await runFile('/usr/bin/zbarimg', ['--raw', '-q', ...images], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout }) => stdout,
    (error: { code?: number; stdout?: string }) => {
      if (error.code === 4 && typeof error.stdout === 'string') return error.stdout
      throw error
    },
  )
  return output.split('\n').filter((line) => line !== '')
}

function rectPt(rect: RectMm): RectMm {
  return {
    x: mmToPt(rect.x),
    y: mmToPt(rect.y),
    width: mmToPt(rect.width),
    height: mmToPt(rect.height),
  }
}

/** pdftotext prints coordinates with 6 decimals; allow for that rounding only. */
const TOLERANCE_PT = 0.01

function isWordInside(word: WordBox, rect: RectMm): boolean {
  return (
    word.xMin >= rect.x - TOLERANCE_PT &&
    word.yMin >= rect.y - TOLERANCE_PT &&
    word.xMax <= rect.x + rect.width + TOLERANCE_PT &&
    word.yMax <= rect.y + rect.height + TOLERANCE_PT
  )
}

function wordOverlaps(word: WordBox, rect: RectMm): boolean {
  return (
    word.xMin < rect.x + rect.width &&
    rect.x < word.xMax &&
    word.yMin < rect.y + rect.height &&
    rect.y < word.yMax
  )
}

function centreOf(word: WordBox): { x: number; y: number } {
  return { x: (word.xMin + word.xMax) / 2, y: (word.yMin + word.yMax) / 2 }
}

function expectOk(result: PrintResult): Extract<PrintResult, { ok: true }> {
  if (!result.ok) throw new Error(`print failed: ${JSON.stringify(result)}`)
  return result
}

// --- Fixture -------------------------------------------------------------------------------

let directory = ''
let options: PrintOptions
const pdfs = new Map<string, { file: string; result: Extract<PrintResult, { ok: true }> }>()

async function render(name: string, job: PrintJob, change: Partial<PrintOptions> = {}) {
  const result = expectOk(await renderPrintJob(job, { ...options, ...change }))
  const file = join(directory, `${name}.pdf`)
  await writeFile(file, result.pdf)
  pdfs.set(name, { file, result })
  return { file, result }
}

function pdf(name: string) {
  const rendered = pdfs.get(name)
  if (!rendered) throw new Error(`no PDF named ${name}`)
  return rendered
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'naungan-print-'))
  const config = parseDistrictConfig(
    JSON.parse((await resource('district/district.json')).toString('utf8')),
  )
  const logos = await Promise.all(config.print.logos.map((name) => resource(`district/${name}`)))
  options = {
    fonts: {
      regular: await resource('fonts/NotoSans-Regular.ttf'),
      bold: await resource('fonts/NotoSans-Bold.ttf'),
    },
    branding: brandingFromDistrict(config, 2026, logos, 'id'),
    calibration: NO_CALIBRATION,
  }
  const people = (list: TestPerson[]) => list.map((person) => person.participant)
  await render('id1', {
    kind: 'card',
    layout: 'id1-single',
    withBack: true,
    people: people(hardPeople),
  })
  await render('a4-cards', {
    kind: 'card',
    layout: 'a4-sheet-10',
    withBack: true,
    people: people(tenPeople),
  })
  await render('a4-cards-3', {
    kind: 'card',
    layout: 'a4-sheet-10',
    withBack: true,
    people: people(tenPeople.slice(0, 3)),
  })
  await render('sticker-a4-8', {
    kind: 'sticker',
    template: a4Template('a4-8'),
    startPosition: 1,
    people: people(eightStickerPeople),
  })
  for (const id of ['a4-1', 'a4-2', 'a4-4']) {
    await render(`sticker-${id}`, {
      kind: 'sticker',
      template: a4Template(id),
      startPosition: 1,
      people: people(hardPeople.slice(0, 5)),
    })
  }
  await render('sticker-custom', {
    kind: 'sticker',
    template: customTemplate,
    startPosition: 1,
    people: people(hardPeople.slice(0, 3)),
  })
  await render('calibration-a4', { kind: 'calibration-test', pageWidthMm: 210, pageHeightMm: 297 })
  await render('calibration-id1', { kind: 'calibration-test', pageWidthMm: 85.6, pageHeightMm: 54 })
}, 60_000)

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true })
})

// --- Tests ---------------------------------------------------------------------------------

describe('page sizes, to 0.1 mm', () => {
  const expectSizes = async (name: string, width: number, height: number, count: number) => {
    const sizes = await pageSizesMm(pdf(name).file)
    expect(sizes).toHaveLength(count)
    expect(pdf(name).result.pageCount).toBe(count)
    for (const size of sizes) {
      expect(Math.abs(size.width - width)).toBeLessThan(0.05)
      expect(Math.abs(size.height - height)).toBeLessThan(0.05)
    }
  }

  it('ID-1 cards: 85.6 × 54 mm, a back page after each front', async () => {
    await expectSizes('id1', 85.6, 54, 2 * hardPeople.length)
  })

  it('A4 sheets of ten: 210 × 297 mm, a back sheet after each front sheet', async () => {
    await expectSizes('a4-cards', 210, 297, 2)
  })

  it.each([
    ['a4-1', 5],
    ['a4-2', 3],
    ['a4-4', 2],
    ['a4-8', 1],
  ])('sticker template %s: A4, %s sheets', async (id, sheets) => {
    await expectSizes(`sticker-${id}`, 210, 297, sheets)
  })

  it('a custom sticker template: its own page size', async () => {
    await expectSizes('sticker-custom', 100, 150, 2)
  })

  it('calibration test pages: the size asked for', async () => {
    await expectSizes('calibration-a4', 210, 297, 1)
    await expectSizes('calibration-id1', 85.6, 54, 1)
  })
})

describe('identity numbers', () => {
  it('cards print the masked NIK and never the full NIK or its birth digits', async () => {
    const text = await plainText(pdf('id1').file)
    for (const { participant, nik } of hardPeople) {
      expect(text).toContain(participant.maskedNik)
      expect(text).not.toContain(nik)
      expect(text).not.toContain(nik.slice(6, 12))
    }
    const a4Text = await plainText(pdf('a4-cards').file)
    for (const { participant, nik } of tenPeople) {
      expect(a4Text).toContain(participant.maskedNik)
      expect(a4Text).not.toContain(nik.slice(6, 12))
    }
  })

  it('stickers print no NIK at all, not even masked', async () => {
    for (const name of ['sticker-a4-8', 'sticker-a4-1', 'sticker-custom']) {
      const text = await plainText(pdf(name).file)
      expect(text).not.toMatch(/NIK/)
      expect(text).not.toContain('******')
      expect(text).not.toContain('640206')
      for (const { nik } of eightStickerPeople) expect(text).not.toContain(nik.slice(6, 12))
      expect(text).toContain('RUMAH PESERTA')
    }
  })
})

describe('no text leaves its box', () => {
  const knownCardWords = (person: PrintableParticipant): Set<string> => {
    const branding = options.branding
    const texts = [
      branding.programmeTitle,
      branding.districtName,
      branding.cardTitle ?? '',
      'Nama NIK No. KPJ Tanggal lahir Desa/Kel. Kecamatan Masa berlaku',
      person.maskedNik,
      person.participantNumber,
      '15-05-1990 01-01-2026 s.d. 31-12-2026',
      person.villageName || '-',
      person.kecamatanName,
      person.serial,
    ]
    return new Set(texts.join(' ').split(/\s+/).filter(Boolean))
  }

  it('every word of every ID-1 card is on the card; the name stays in the name box', async () => {
    const pages = await wordsByPage(pdf('id1').file)
    const card = rectPt({ x: 0, y: 0, width: CARD_WIDTH_MM, height: CARD_HEIGHT_MM })
    const nameBox = rectPt(CARD_FRONT_BOXES.name)
    const qrBox = rectPt({
      x: CARD_FRONT_BOXES.qr.x,
      y: CARD_FRONT_BOXES.qr.y,
      width: CARD_FRONT_BOXES.qr.size,
      height: CARD_FRONT_BOXES.qr.size,
    })
    for (const [index, { participant }] of hardPeople.entries()) {
      const front = pages[2 * index] ?? []
      const back = pages[2 * index + 1] ?? []
      expect(front.length).toBeGreaterThan(10)
      for (const word of [...front, ...back]) expect(isWordInside(word, card), word.text).toBe(true)
      for (const word of front) expect(wordOverlaps(word, qrBox), word.text).toBe(false)
      const known = knownCardWords(participant)
      const nameWords = front.filter((word) => !known.has(word.text))
      expect(nameWords.length, participant.fullName).toBeGreaterThan(0)
      for (const word of nameWords) expect(isWordInside(word, nameBox), word.text).toBe(true)
    }
  })

  it('shrinks, wraps or cuts the hardest names, and says so', async () => {
    const text = await plainText(pdf('id1').file)
    expect(text).toContain('Nguyễn Thị Hồng Nhung')
    expect(text).toContain('Müller-Ñúñez')
    expect(text).toContain('??? ???? bin Abdullah ?')
    expect(text).toContain('WWW…')
    expect(text).not.toContain('undefined')
    const warnings = pdf('id1').result.warnings
    expect(warnings).toContainEqual({ code: 'NAME_SHORTENED', participantId: 'participant-5' })
    expect(warnings).toContainEqual({
      code: 'UNPRINTABLE_CHARACTERS',
      participantId: 'participant-6',
      detail: '王小明محد😀',
    })
    // Diacritics are not "unprintable".
    expect(warnings.filter((w) => w.participantId === 'participant-4')).toEqual([])
  })

  it('prints a dash for an empty village, RT and RW', async () => {
    const cardText = await plainText(pdf('id1').file)
    expect(cardText).toMatch(/Desa\/Kel\.\s+-\s*\n/)
    const stickerText = await plainText(pdf('sticker-a4-8').file)
    expect(stickerText).toContain('RT - / RW -')
    expect(stickerText).toContain('RT 003 / RW 012')
  })

  it('every word on an A4 sheet is on one of its cards; backs are mirrored', async () => {
    const [front = [], back = []] = await wordsByPage(pdf('a4-cards').file)
    const frontSlots = tenPeople.map((_, index) => rectPt(a4CardSlot(index, 'front')))
    for (const word of [...front, ...back]) {
      expect(
        frontSlots.some((slot) => isWordInside(word, slot)),
        word.text,
      ).toBe(true)
    }
    const [, partBack = []] = await wordsByPage(pdf('a4-cards-3').file)
    const titles = partBack.filter((word) => word.text === 'MANFAAT').map(centreOf)
    expect(titles).toHaveLength(3)
    for (const index of [0, 1, 2]) {
      const slot = rectPt(a4CardSlot(index, 'back'))
      expect(
        titles.filter(
          (t) =>
            t.x > slot.x && t.x < slot.x + slot.width && t.y > slot.y && t.y < slot.y + slot.height,
        ),
      ).toHaveLength(1)
    }
    // Card 0's back is in the right-hand column: behind its front when the sheet is turned.
    expect(a4CardSlot(0, 'back').x).toBeGreaterThan(100)
  })

  it('every word of a sticker stays in its cell', async () => {
    for (const [name, template] of [
      ['sticker-a4-8', a4Template('a4-8')],
      ['sticker-a4-4', a4Template('a4-4')],
      ['sticker-a4-1', a4Template('a4-1')],
      ['sticker-custom', customTemplate],
    ] as const) {
      const cells = stickerCellRects(template).map(rectPt)
      for (const page of await wordsByPage(pdf(name).file)) {
        expect(page.length).toBeGreaterThan(0)
        for (const word of page) {
          expect(
            cells.some((cell) => isWordInside(word, cell)),
            `${name}: ${word.text}`,
          ).toBe(true)
        }
      }
    }
  })
})

describe('QR codes scan back to the text they were given', () => {
  it('ID-1 cards: one code per person', async () => {
    const decoded = await decodeQrCodes(pdf('id1').file, directory)
    expect(decoded.sort()).toEqual(hardPeople.map((p) => p.participant.qrText).sort())
  }, 20_000)

  it('an A4 sheet of ten cards', async () => {
    const decoded = await decodeQrCodes(pdf('a4-cards').file, directory, [1])
    expect(decoded.sort()).toEqual(tenPeople.map((p) => p.participant.qrText).sort())
  }, 20_000)

  it('eight stickers on A4', async () => {
    const decoded = await decodeQrCodes(pdf('sticker-a4-8').file, directory)
    expect(decoded.sort()).toEqual(eightStickerPeople.map((p) => p.participant.qrText).sort())
  }, 20_000)
})

describe('bad input is handled, not printed broken', () => {
  const person = hardPeople[0]!.participant

  it('skips unreadable logos with one warning each and still makes a valid PDF', async () => {
    const logo = await resource('district/logo-kabupaten.png')
    const { file, result } = await render(
      'bad-logos',
      { kind: 'card', layout: 'id1-single', withBack: false, people: [person, person] },
      {
        branding: {
          ...options.branding,
          logos: [pseudoRandomBytes(2000, 7), logo.subarray(0, logo.length - 300)],
        },
      },
    )
    expect(result.warnings).toEqual([
      { code: 'LOGO_UNREADABLE', detail: '1' },
      { code: 'LOGO_UNREADABLE', detail: '2' },
    ])
    expect(await run('pdfinfo', [file])).toMatch(/Pages:\s+2/)
  })

  it('clamps a 500 mm calibration to 20 mm, warns, and moves every page by that', async () => {
    const calibration = { offsetXMm: 500, offsetYMm: 500, scale: 0.2 }
    const { file, result } = await render(
      'calibrated',
      { kind: 'card', layout: 'id1-single', withBack: false, people: [person] },
      { calibration },
    )
    expect(result.warnings).toEqual([{ code: 'CALIBRATION_CLAMPED' }])
    expect(await run('pdfinfo', [file])).toMatch(/Pages:\s+1/)
    const nikLabelAt = async (pdfFile: string) => {
      const [page = []] = await wordsByPage(pdfFile)
      const word = page.find((w) => w.text === 'NIK')
      if (!word) throw new Error('NIK label not found')
      return word
    }
    const plain = await nikLabelAt(pdf('id1').file)
    const moved = await nikLabelAt(file)
    // A point designed at p lands at offset + scale × p: here 20 mm + 0.9 p on both axes.
    expect(moved.xMin).toBeCloseTo(mmToPt(20) + 0.9 * plain.xMin, 1)
    expect(moved.yMin).toBeCloseTo(mmToPt(20) + 0.9 * plain.yMin, 1)
  })

  it('prints the calibration test page with its instructions and the values in use', async () => {
    const { file } = await render(
      'calibration-offset',
      { kind: 'calibration-test', pageWidthMm: 210, pageHeightMm: 297 },
      { calibration: { offsetXMm: -1.5, offsetYMm: 2, scale: 1.01 } },
    )
    const text = (await plainText(file)).replace(/\s+/g, ' ')
    expect(text).toContain(
      'Ukur jarak tanda silang dari tepi kertas. Bila bukan 20 mm, isi selisihnya di Pengaturan › Kalibrasi',
    )
    expect(text).toContain('geser X -1,5 mm, geser Y +2,0 mm, skala 1,010')
    expect(text).toContain('Garis acuan 100 mm')
  })

  it('refuses an invalid sticker template without making a PDF', async () => {
    const result = await renderPrintJob(
      {
        kind: 'sticker',
        template: { ...customTemplate, rows: 0, marginLeftMm: -3 },
        startPosition: 1,
        people: [person],
      },
      options,
    )
    expect(result).toEqual({
      ok: false,
      reason: 'TEMPLATE_INVALID',
      warnings: [
        { code: 'TEMPLATE_INVALID', detail: 'GRID_OUT_OF_RANGE' },
        { code: 'TEMPLATE_INVALID', detail: 'NEGATIVE_SPACING' },
      ],
    })
    expect('pdf' in result).toBe(false)
  })

  it('starts at cell 3 of a partly used 4-per-A4 sheet', async () => {
    const people = hardPeople.slice(0, 3).map((p) => p.participant)
    const { file, result } = await render('start-3', {
      kind: 'sticker',
      template: a4Template('a4-4'),
      startPosition: 3,
      people,
    })
    expect(result.pageCount).toBe(2)
    const [first = [], second = []] = await wordsByPage(file)
    const cells = stickerCellRects(a4Template('a4-4')).map(rectPt)
    const cellOf = (page: WordBox[], serial: string) => {
      const word = page.find((w) => w.text === serial)
      if (!word) return -1
      const centre = centreOf(word)
      return cells.findIndex(
        (c) =>
          centre.x > c.x && centre.x < c.x + c.width && centre.y > c.y && centre.y < c.y + c.height,
      )
    }
    expect(cellOf(first, people[0]!.serial)).toBe(2)
    expect(cellOf(first, people[1]!.serial)).toBe(3)
    // The next sheet is a fresh one: it starts at the first cell.
    expect(cellOf(second, people[2]!.serial)).toBe(0)
  })

  it('stops between pages when cancelled and reports progress until then', async () => {
    const progress: number[] = []
    const people = Array.from({ length: 20 }, () => person)
    const result = await renderPrintJob(
      { kind: 'card', layout: 'id1-single', withBack: true, people },
      {
        ...options,
        onProgress: ({ done, total }) => {
          progress.push(done)
          expect(total).toBe(40)
        },
        isCancelled: () => progress.length >= 3,
      },
    )
    expect(result).toEqual({ ok: false, reason: 'CANCELLED' })
    expect(progress).toEqual([1, 2, 3])
  })

  it('reports progress up to the last page of a finished job', async () => {
    const progress: number[] = []
    const result = await renderPrintJob(
      { kind: 'sticker', template: a4Template('a4-8'), startPosition: 8, people: [person, person] },
      { ...options, onProgress: ({ done }) => progress.push(done) },
    )
    expect(expectOk(result).pageCount).toBe(2)
    expect(progress).toEqual([1, 2])
  })
})
