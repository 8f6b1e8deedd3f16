import { describe, expect, it } from 'vitest'
import type { TokenFailure } from '@shared/cards/card-token'
import type { CardVerdict, PrintRecord } from '@shared/cards/print-log'
import { verdictText, type LocalParticipant } from '@/card-check/verdict-text'
import { formatCardDate } from '@/card-check/verify-messages'

const claims = {
  kind: 'card' as const,
  participantId: '3f0c1a52-8d7e-4b6a-9c1d-2e3f4a5b6c7d',
  participantNumber: '0601-000001',
  initials: 'SA',
  validFrom: '2026-01-05',
  validUntil: '2031-01-04',
  serial: '7K3M-9QX2',
  printedOn: '2026-01-05',
  officeCode: '06-01',
}

const SITI: LocalParticipant = { id: claims.participantId, fullName: 'Siti Aminah' }

const replacement: PrintRecord = {
  serial: 'B2C4-D6F8',
  kind: 'card',
  // Noon UTC: the 3rd locally in every zone from UTC−11 to UTC+11 (Indonesia and any CI runner).
  printedAt: '2026-03-03T12:00:00.000Z',
  printedBy: 'Rina Operator',
  officeCode: '06-01',
  validUntil: '2031-03-02',
  reprintReason: 'hilang',
}

const id = (verdict: CardVerdict, participant: LocalParticipant | null = null) =>
  verdictText(verdict, { language: 'id', participant, utcOffsetMinutes: 480 })
const en = (verdict: CardVerdict, participant: LocalParticipant | null = null) =>
  verdictText(verdict, { language: 'en', participant, utcOffsetMinutes: 480 })

describe('verdictText: what the clerk reads for each verdict', () => {
  it('a valid card checked against this office’s print log', () => {
    const text = id({ status: 'valid', claims, revocation: 'checked' }, SITI)
    expect(text.tone).toBe('genuine')
    expect(text.symbol).toBe('✓')
    expect(text.title).toBe('ASLI — kartu berlaku')
    expect(text.lines).toContain('Status pembatalan: diperiksa dengan data kantor ini.')
    expect(text.details).toEqual([
      { label: 'Inisial pemegang', value: 'SA' },
      { label: 'Nomor peserta', value: '0601-000001' },
      { label: 'Jenis', value: 'Kartu peserta' },
      { label: 'Nomor seri', value: '7K3M-9QX2' },
      { label: 'Kantor penerbit', value: '06-01' },
      { label: 'Masa berlaku', value: '05 Jan 2026 s.d. 04 Jan 2031' },
      { label: 'Dicetak', value: '05 Jan 2026' },
    ])
    const english = en({ status: 'valid', claims, revocation: 'checked' }, SITI)
    expect(english.title).toBe('GENUINE — card is valid')
    expect(english.lines).toContain("Cancellation status: checked against this office's data.")
    expect(english.details).toContainEqual({ label: 'Kind', value: 'Membership card' })
  })

  it('a valid card from outside this office’s data says replacement cannot be checked here', () => {
    const text = id({ status: 'valid', claims, revocation: 'unknown' })
    expect(text.title).toBe('ASLI — kartu berlaku')
    expect(text.lines[0]).toBe(
      'Tanda tangan asli. Kartu ini dari luar data kantor ini, jadi penggantian kartu tidak dapat diperiksa di sini.',
    )
    expect(text.lines[1]).toContain('inisial SA')
    expect(en({ status: 'valid', claims, revocation: 'unknown' }).lines[0]).toContain(
      "from outside this office's data",
    )
  })

  it('a valid card of a local participant whose print has not arrived yet is not "checked"', () => {
    const text = id({ status: 'valid', claims, revocation: 'unknown' }, SITI)
    expect(text.tone).toBe('genuine')
    expect(text.lines[0]).toContain('belum tercatat di sini')
    expect(text.lines.join(' ')).not.toContain('diperiksa dengan data kantor ini')
  })

  it('a house sticker is named as one', () => {
    const text = id({
      status: 'valid',
      claims: { ...claims, kind: 'sticker' },
      revocation: 'unknown',
    })
    expect(text.details).toContainEqual({ label: 'Jenis', value: 'Stiker rumah' })
    const english = en({
      status: 'valid',
      claims: { ...claims, kind: 'sticker' },
      revocation: 'unknown',
    })
    expect(english.details).toContainEqual({ label: 'Kind', value: 'House sticker' })
  })

  it('a replaced card names the serial that replaced it and when it was printed', () => {
    const text = id({ status: 'revoked', claims, replacedBy: replacement }, SITI)
    expect(text.tone).toBe('reject')
    expect(text.symbol).toBe('✗')
    expect(text.title).toBe('DIBATALKAN — kartu ini sudah diganti')
    expect(text.lines[0]).toContain('B2C4-D6F8')
    expect(text.lines[0]).toContain('03 Mar 2026')
    expect(text.details).toContainEqual({ label: 'Nomor seri', value: '7K3M-9QX2' })
    const english = en({ status: 'revoked', claims, replacedBy: replacement })
    expect(english.title).toBe('CANCELLED — this card has been replaced')
    expect(english.lines[0]).toContain('Replaced by serial B2C4-D6F8, printed 03 Mar 2026')
  })

  it('an expired card says on which day it ran out', () => {
    const text = id({ status: 'expired', claims: { ...claims, validUntil: '2025-08-17' } })
    expect(text.tone).toBe('caution')
    expect(text.symbol).toBe('!')
    expect(text.title).toBe('KEDALUWARSA — masa berlaku habis pada 17 Agu 2025')
    expect(text.lines[0]).toContain('kartu baru')
    expect(en({ status: 'expired', claims: { ...claims, validUntil: '2025-08-17' } }).title).toBe(
      'EXPIRED — validity ended on 17 Aug 2025',
    )
  })

  it('a card not valid yet says from when', () => {
    const text = id({ status: 'not-yet-valid', claims: { ...claims, validFrom: '2026-05-01' } })
    expect(text.tone).toBe('caution')
    expect(text.title).toBe('BELUM BERLAKU — mulai 01 Mei 2026')
    expect(
      en({ status: 'not-yet-valid', claims: { ...claims, validFrom: '2026-05-01' } }).title,
    ).toBe('NOT YET VALID — from 01 May 2026')
  })

  it.each<[TokenFailure, string, string]>([
    ['NOT_A_NAUNGAN_CODE', 'Ini bukan kode QR kartu Naungan.', 'not the QR code of a Naungan card'],
    ['MALFORMED', 'Kode terpotong atau rusak; pindai ulang.', 'cut off or damaged'],
    ['CERTIFICATE_FORGED', 'Isi kartu diubah setelah dicetak', 'altered after printing'],
    ['SIGNATURE_FORGED', 'Isi kartu diubah setelah dicetak.', 'altered after printing'],
    [
      'CERTIFICATE_NOT_VALID_THEN',
      'Kartu dicetak pada tanggal ketika komputer pencetaknya tidak berwenang',
      'not authorised to print cards',
    ],
  ])('%s: "PALSU ATAU RUSAK" with its reason, and no card details', (reason, idLine, enLine) => {
    const text = id({ status: 'forged', reason })
    expect(text.tone).toBe('reject')
    expect(text.title).toBe('PALSU ATAU RUSAK')
    expect(text.lines[0]).toContain(idLine)
    expect(text.details).toEqual([])
    const english = en({ status: 'forged', reason })
    expect(english.title).toBe('FORGED OR DAMAGED')
    expect(english.lines[0]).toContain(enLine)
  })

  it('an unknown district key is not called forged: it says how to add the key', () => {
    const text = id({ status: 'forged', reason: 'UNKNOWN_DISTRICT_KEY' })
    expect(text.tone).toBe('caution')
    expect(text.title).not.toContain('PALSU')
    expect(text.title).toBe('TIDAK DAPAT DIPERIKSA — kunci kabupaten tidak dikenal')
    expect(text.lines[0]).toBe(
      'Kartu ditandatangani dengan kunci yang tidak dikenal komputer ini (kabupaten lain, atau kunci belum tersimpan).',
    )
    expect(text.lines[1]).toContain('Kunci publik kabupaten')
    expect(en({ status: 'forged', reason: 'UNKNOWN_DISTRICT_KEY' }).title).toBe(
      'CANNOT BE CHECKED — unknown district key',
    )
  })

  it('every title and line is free of unfilled {placeholders}', () => {
    const verdicts: CardVerdict[] = [
      { status: 'valid', claims, revocation: 'checked' },
      { status: 'valid', claims, revocation: 'unknown' },
      { status: 'revoked', claims, replacedBy: replacement },
      { status: 'expired', claims },
      { status: 'not-yet-valid', claims },
      { status: 'forged', reason: 'MALFORMED' },
      { status: 'forged', reason: 'UNKNOWN_DISTRICT_KEY' },
    ]
    for (const verdict of verdicts) {
      for (const text of [id(verdict, SITI), en(verdict)]) {
        const all = [text.title, ...text.lines, ...text.details.map((d) => d.value)].join('\n')
        expect(all).not.toMatch(/[{}]/)
      }
    }
  })
})

describe('dates as a clerk reads them', () => {
  it.each([
    ['2026-01-05', '05 Jan 2026', '05 Jan 2026'],
    ['2026-05-31', '31 Mei 2026', '31 May 2026'],
    ['2025-08-17', '17 Agu 2025', '17 Aug 2025'],
    ['2024-10-01', '01 Okt 2024', '01 Oct 2024'],
    ['2024-12-25', '25 Des 2024', '25 Dec 2024'],
  ])('%s → %s / %s', (iso, indonesian, english) => {
    expect(formatCardDate('id', iso)).toBe(indonesian)
    expect(formatCardDate('en', iso)).toBe(english)
  })

  it('leaves a non-date as it is rather than inventing one', () => {
    expect(formatCardDate('id', '2026-13-01')).toBe('2026-13-01')
    expect(formatCardDate('id', 'kemarin')).toBe('kemarin')
  })
})
