/**
 * Real PDFs, read back the way a printer and a scanner would: poppler for page sizes and the
 * text layer (with every word's box), pdftoppm + zbarimg for the QR codes, whose texts must be
 * tokens the district key verifies. PDFs are rendered once in beforeAll and shared between
 * assertions.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CARD_TOKEN_PREFIX,
  type CardKind,
  type CardSigner,
  initialsOf,
  issueDeviceCertificate,
  newCardSerial,
  newSigningKeyPair,
  signCardToken,
  verifyCardToken,
} from '@shared/cards/card-token'
import { parseDistrictConfig } from '@shared/district/district-config'
import { maskNik } from '@shared/identity/masking'
import { brandingFromDistrict } from '@shared/printing/branding'
import {
  a4CardSlot,
  CARD_FRONT_BOXES,
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
} from '@shared/printing/card-layout'
import { mmToPt, type RectMm } from '@shared/printing/geometry'
import {
  NO_CALIBRATION,
  type PrintableParticipant,
  type PrintJob,
  type PrintOptions,
  type PrintResult,
  type StickerTemplate,
} from '@shared/printing/print-model'
import { qrCodePath } from '@shared/printing/qr-vector'
import { renderPrintJob } from '@shared/printing/render-print-job'
import { BUILT_IN_STICKER_TEMPLATES, stickerCellRects } from '@shared/printing/sticker-templates'
import {
  decodeQrCodes,
  pdfPages,
  pdfText,
  pdfWords,
  type PdfWord,
} from '../../../support/pdf-tools'

// --- Test data -----------------------------------------------------------------------------

const resource = (path: string) =>
  readFile(new URL(`../../../../resources/${path}`, import.meta.url))

/**
 * Deterministic bytes (xorshift32) for serials and broken logos, so every run prints the same
 * text. (Keys, and so the QR tokens, are fresh each run: the token's length, and so the QR's
 * version, does not depend on them.)
 */
function pseudoRandomBytes(count: number, seed: number): Uint8Array {
  let state = seed * 2654435761 || 1
  return Uint8Array.from({ length: count }, () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state & 0xff
  })
}

/**
 * The chain a real office PC signs with: the district key certifies the PC's key, the PC signs
 * each card. A second district's key must not vouch for these cards.
 */
const district = newSigningKeyPair()
const otherDistrict = newSigningKeyPair()
const officePc = newSigningKeyPair()
const signer: CardSigner = {
  secretKey: officePc.secretKey,
  certificate: issueDeviceCertificate(district.secretKey, {
    devicePublicKey: officePc.publicKey,
    officeCode: '06-01',
    issuedOn: '2026-01-01',
    expiresOn: '2027-12-31',
  }),
}
const PRINTED_ON = '2026-06-01'

/** NIK = kecamatan code (640206) + birth code (DDMMYY, women +40) + sequence. */
const BIRTH_CODES = ['150590', '520885', '311270', '071163', '230498']

type PersonDetails = Omit<PrintableParticipant, 'serial' | 'qrText'>

/** One person as the print screen hands them over: a card and a sticker, each its own serial. */
interface TestPerson {
  nik: string
  card: PrintableParticipant
  sticker: PrintableParticipant
}

/** The claims a printed card or sticker's token must carry, read off what was printed. */
function claimsPrintedFor(kind: CardKind, printed: PrintableParticipant) {
  return {
    kind,
    participantId: printed.participantId,
    participantNumber: printed.participantNumber,
    initials: initialsOf(printed.fullName),
    validFrom: printed.coverageFrom,
    validUntil: printed.coverageUntil,
    serial: printed.serial,
    printedOn: PRINTED_ON,
  }
}

function signedPrintable(kind: CardKind, details: PersonDetails, seed: number) {
  const serial = newCardSerial((length) => pseudoRandomBytes(length, seed))
  const printed: PrintableParticipant = { ...details, serial, qrText: '' }
  return { ...printed, qrText: signCardToken(signer, claimsPrintedFor(kind, printed)) }
}

function testPerson(index: number, fullName: string, change: Partial<PersonDetails> = {}) {
  const nik = `640206${BIRTH_CODES[index % BIRTH_CODES.length]}${String(index + 1).padStart(4, '0')}`
  const details: PersonDetails = {
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
    ...change,
  }
  return {
    nik,
    card: signedPrintable('card', details, 2 * index + 1),
    sticker: signedPrintable('sticker', details, 2 * index + 2),
  } satisfies TestPerson
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

const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'

/** The token with one base45 character swapped for the next in the alphabet: still base45. */
function withOneCharacterChanged(token: string, index: number): string {
  const character = token[index]!
  const next = BASE45_ALPHABET[(BASE45_ALPHABET.indexOf(character) + 1) % BASE45_ALPHABET.length]!
  return token.slice(0, index) + next + token.slice(index + 1)
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

function isWordInside(word: PdfWord, rect: RectMm): boolean {
  return (
    word.xMin >= rect.x - TOLERANCE_PT &&
    word.yMin >= rect.y - TOLERANCE_PT &&
    word.xMax <= rect.x + rect.width + TOLERANCE_PT &&
    word.yMax <= rect.y + rect.height + TOLERANCE_PT
  )
}

function wordOverlaps(word: PdfWord, rect: RectMm): boolean {
  return (
    word.xMin < rect.x + rect.width &&
    rect.x < word.xMax &&
    word.yMin < rect.y + rect.height &&
    rect.y < word.yMax
  )
}

function centreOf(word: PdfWord): { x: number; y: number } {
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
  const cards = (list: TestPerson[]) => list.map((person) => person.card)
  const stickers = (list: TestPerson[]) => list.map((person) => person.sticker)
  await render('id1', {
    kind: 'card',
    layout: 'id1-single',
    withBack: true,
    people: cards(hardPeople),
  })
  await render('a4-cards', {
    kind: 'card',
    layout: 'a4-sheet-10',
    withBack: true,
    people: cards(tenPeople),
  })
  await render('a4-cards-3', {
    kind: 'card',
    layout: 'a4-sheet-10',
    withBack: true,
    people: cards(tenPeople.slice(0, 3)),
  })
  await render('sticker-a4-8', {
    kind: 'sticker',
    template: a4Template('a4-8'),
    startPosition: 1,
    people: stickers(eightStickerPeople),
  })
  for (const id of ['a4-1', 'a4-2', 'a4-4']) {
    await render(`sticker-${id}`, {
      kind: 'sticker',
      template: a4Template(id),
      startPosition: 1,
      people: stickers(hardPeople.slice(0, 5)),
    })
  }
  await render('sticker-custom', {
    kind: 'sticker',
    template: customTemplate,
    startPosition: 1,
    people: stickers(hardPeople.slice(0, 3)),
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
    const sizes = await pdfPages(pdf(name).file)
    expect(sizes).toHaveLength(count)
    expect(pdf(name).result.pageCount).toBe(count)
    for (const size of sizes) {
      expect(Math.abs(size.widthMm - width)).toBeLessThan(0.05)
      expect(Math.abs(size.heightMm - height)).toBeLessThan(0.05)
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
    const text = await pdfText(pdf('id1').file, { layout: true })
    for (const { card, nik } of hardPeople) {
      expect(text).toContain(card.maskedNik)
      expect(text).not.toContain(nik)
      expect(text).not.toContain(nik.slice(6, 12))
    }
    const a4Text = await pdfText(pdf('a4-cards').file, { layout: true })
    for (const { card, nik } of tenPeople) {
      expect(a4Text).toContain(card.maskedNik)
      expect(a4Text).not.toContain(nik.slice(6, 12))
    }
  })

  it('stickers print no NIK at all, not even masked', async () => {
    for (const name of ['sticker-a4-8', 'sticker-a4-1', 'sticker-custom']) {
      const text = await pdfText(pdf(name).file, { layout: true })
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
    const pages = await pdfWords(pdf('id1').file)
    const card = rectPt({ x: 0, y: 0, width: CARD_WIDTH_MM, height: CARD_HEIGHT_MM })
    const nameBox = rectPt(CARD_FRONT_BOXES.name)
    const qrBox = rectPt({
      x: CARD_FRONT_BOXES.qr.x,
      y: CARD_FRONT_BOXES.qr.y,
      width: CARD_FRONT_BOXES.qr.size,
      height: CARD_FRONT_BOXES.qr.size,
    })
    for (const [index, { card: printed }] of hardPeople.entries()) {
      const front = pages[2 * index] ?? []
      const back = pages[2 * index + 1] ?? []
      expect(front.length).toBeGreaterThan(10)
      for (const word of [...front, ...back]) expect(isWordInside(word, card), word.text).toBe(true)
      for (const word of front) expect(wordOverlaps(word, qrBox), word.text).toBe(false)
      const known = knownCardWords(printed)
      const nameWords = front.filter((word) => !known.has(word.text))
      expect(nameWords.length, printed.fullName).toBeGreaterThan(0)
      for (const word of nameWords) expect(isWordInside(word, nameBox), word.text).toBe(true)
    }
  })

  it('shrinks, wraps or cuts the hardest names, and says so', async () => {
    const text = await pdfText(pdf('id1').file, { layout: true })
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
    const cardText = await pdfText(pdf('id1').file, { layout: true })
    expect(cardText).toMatch(/Desa\/Kel\.\s+-\s*\n/)
    const stickerText = await pdfText(pdf('sticker-a4-8').file, { layout: true })
    expect(stickerText).toContain('RT - / RW -')
    expect(stickerText).toContain('RT 003 / RW 012')
  })

  it('every word on an A4 sheet is on one of its cards; backs are mirrored', async () => {
    const [front = [], back = []] = await pdfWords(pdf('a4-cards').file)
    const frontSlots = tenPeople.map((_, index) => rectPt(a4CardSlot(index, 'front')))
    for (const word of [...front, ...back]) {
      expect(
        frontSlots.some((slot) => isWordInside(word, slot)),
        word.text,
      ).toBe(true)
    }
    const [, partBack = []] = await pdfWords(pdf('a4-cards-3').file)
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
      for (const page of await pdfWords(pdf(name).file)) {
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

/**
 * Every decoded text is one of the printed tokens, verifies with the district key, and says
 * whose card or sticker it is; another district's key and a one-character edit both fail it.
 */
function expectGenuineTokens(decoded: string[], printed: PrintableParticipant[], kind: CardKind) {
  expect([...decoded].sort()).toEqual(printed.map((p) => p.qrText).sort())
  expect(new Set(printed.map((p) => p.serial)).size).toBe(printed.length)
  for (const token of decoded) {
    const check = verifyCardToken(token, [district.publicKey])
    if (!check.ok) throw new Error(`${check.reason}: ${token}`)
    const person = printed.find((p) => p.participantId === check.claims.participantId)
    expect(person, check.claims.participantId).toBeDefined()
    expect(check.claims).toEqual(claimsPrintedFor(kind, person!))

    expect(verifyCardToken(token, [otherDistrict.publicKey])).toEqual({
      ok: false,
      reason: 'UNKNOWN_DISTRICT_KEY',
    })
    // One character in the certificate, the claims and the signature in turn.
    const base45Length = token.length - CARD_TOKEN_PREFIX.length
    for (const fraction of [0.1, 0.3, 0.6, 0.8, 0.95]) {
      const index = CARD_TOKEN_PREFIX.length + Math.floor(fraction * base45Length)
      const tampered = withOneCharacterChanged(token, index)
      expect(tampered).not.toBe(token)
      expect(verifyCardToken(tampered, [district.publicKey]).ok, `changed at ${index}`).toBe(false)
    }
  }
}

describe('QR codes scan back to tokens the district key verifies', () => {
  it('ID-1 cards: one genuine card token per person', async () => {
    const decoded = await decodeQrCodes(pdf('id1').file)
    expectGenuineTokens(
      decoded,
      hardPeople.map((p) => p.card),
      'card',
    )
  })

  it('an A4 sheet of ten cards', async () => {
    const decoded = await decodeQrCodes(pdf('a4-cards').file, { pages: [1] })
    expectGenuineTokens(
      decoded,
      tenPeople.map((p) => p.card),
      'card',
    )
  })

  it('eight stickers on A4', async () => {
    const decoded = await decodeQrCodes(pdf('sticker-a4-8').file)
    expectGenuineTokens(
      decoded,
      eightStickerPeople.map((p) => p.sticker),
      'sticker',
    )
  })
})

describe('bad input is handled, not printed broken', () => {
  const person = hardPeople[0]!.card
  const stickerPerson = hardPeople[0]!.sticker

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
    expect(await pdfPages(file)).toHaveLength(2)
  })

  it('clamps a 500 mm calibration to 20 mm, warns, and moves every page by that', async () => {
    const calibration = { offsetXMm: 500, offsetYMm: 500, scale: 0.2 }
    const { file, result } = await render(
      'calibrated',
      { kind: 'card', layout: 'id1-single', withBack: false, people: [person] },
      { calibration },
    )
    expect(result.warnings).toEqual([{ code: 'CALIBRATION_CLAMPED' }])
    expect(await pdfPages(file)).toHaveLength(1)
    const nikLabelAt = async (pdfFile: string) => {
      const [page = []] = await pdfWords(pdfFile)
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
    const text = (await pdfText(file, { layout: true })).replace(/\s+/g, ' ')
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
        people: [stickerPerson],
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
    const people = hardPeople.slice(0, 3).map((p) => p.sticker)
    const { file, result } = await render('start-3', {
      kind: 'sticker',
      template: a4Template('a4-4'),
      startPosition: 3,
      people,
    })
    expect(result.pageCount).toBe(2)
    const [first = [], second = []] = await pdfWords(file)
    const cells = stickerCellRects(a4Template('a4-4')).map(rectPt)
    const cellOf = (page: PdfWord[], serial: string) => {
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

  it('draws each page once its people have their codes, when the codes come late', async () => {
    // The app's print worker gets tokens and QR codes from its code worker while it draws: a
    // page must wait for its own people, and the codes computed ahead are the ones printed.
    const signed = eightStickerPeople.slice(0, 3).map((p) => p.sticker)
    const people: PrintableParticipant[] = signed.map((p) => ({ ...p, qrText: '' }))
    const asked: number[] = []
    let arrived = 0
    const { file, result } = await render(
      'late-codes',
      { kind: 'sticker', template: a4Template('a4-8'), startPosition: 7, people },
      {
        untilPeopleReady: async (count) => {
          asked.push(count)
          while (arrived < count) {
            await new Promise((resolve) => setTimeout(resolve, 5))
            const person = people[arrived]!
            person.qrText = signed[arrived]!.qrText
            person.qrCode = qrCodePath(person.qrText)
            arrived += 1
          }
        },
      },
    )
    // Cells 7 and 8 of the first sheet, the third sticker on a second one.
    expect(result.pageCount).toBe(2)
    expect(asked).toEqual([2, 3])
    expectGenuineTokens(await decodeQrCodes(file), signed, 'sticker')
  })

  it('reports progress up to the last page of a finished job', async () => {
    const progress: number[] = []
    const result = await renderPrintJob(
      {
        kind: 'sticker',
        template: a4Template('a4-8'),
        startPosition: 8,
        people: [stickerPerson, stickerPerson],
      },
      { ...options, onProgress: ({ done }) => progress.push(done) },
    )
    expect(expectOk(result).pageCount).toBe(2)
    expect(progress).toEqual([1, 2])
  })
})

describe('the file itself', () => {
  // Runs last, so it also sees the PDFs the tests above rendered.
  it('every PDF asks viewers to print at actual size (/PrintScaling /None)', () => {
    expect(pdfs.size).toBeGreaterThanOrEqual(11)
    for (const [name, { result }] of pdfs) {
      const raw = Buffer.from(result.pdf).toString('latin1')
      expect(raw.includes('/PrintScaling /None'), name).toBe(true)
    }
  })

  it('deflates its streams at the fast level, which poppler reads back above', () => {
    // A zlib stream starts 0x78 and a byte whose top bits name the level: 0x5e for levels 1–5,
    // 0x9c for pdfkit's default 6, which made the print worker a third slower. Logos are
    // compressed by pdfkit's image code, once per file, and keep its level.
    for (const [name, { result }] of pdfs) {
      const raw = Buffer.from(result.pdf).toString('latin1')
      const heads = [...raw.matchAll(/\d+ 0 obj\n(<<(?:(?!endobj)[^])*?>>)\nstream\n(..)/g)]
        .filter(([, dictionary]) => !(dictionary ?? '').includes('/Subtype /Image'))
        .map(([, , head]) => head)
      expect(heads.length, name).toBeGreaterThan(0)
      expect(new Set(heads), name).toEqual(new Set(['\x78\x5e']))
    }
  })
})
