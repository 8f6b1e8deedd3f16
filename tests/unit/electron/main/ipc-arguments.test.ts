import { describe, expect, it } from 'vitest'
import {
  MAX_FILE_NAME_LENGTH,
  MAX_SAVE_FILE_BYTES,
  parsePlatformArguments,
} from '../../../../electron/main/ipc-arguments'
import { MAX_PRINT_PDF_BYTES, MAX_PRINT_TITLE_LENGTH } from '@shared/platform/platform-contract'

const validRequest = {
  suggestedName: 'kartu-peserta-6402011505800001.pdf',
  mimeType: 'application/pdf',
  data: new Uint8Array([37, 80, 68, 70]),
}

describe('IPC arguments', () => {
  it('getAppInfo takes nothing', () => {
    expect(parsePlatformArguments.getAppInfo([])).toEqual([])
    expect(() => parsePlatformArguments.getAppInfo(['extra'])).toThrow(/WRONG_ARGUMENT_COUNT/)
  })

  it('getOrCreateSecret takes a known secret name', () => {
    expect(parsePlatformArguments.getOrCreateSecret(['database-key'])).toEqual(['database-key'])
  })

  it.each([[[]], [['database-key', 'extra']]])(
    'getOrCreateSecret refuses the argument list %j',
    (args) => {
      expect(() => parsePlatformArguments.getOrCreateSecret(args)).toThrow(/WRONG_ARGUMENT_COUNT/)
    },
  )

  it.each(['signing-key', 'DATABASE-KEY', '', 1, null, { name: 'database-key' }])(
    'getOrCreateSecret refuses %j',
    (name) => {
      expect(() => parsePlatformArguments.getOrCreateSecret([name])).toThrow(/UNKNOWN_SECRET_NAME/)
    },
  )

  it('getSecret and setSecret take the device credential name only', () => {
    expect(parsePlatformArguments.getSecret(['device-credential'])).toEqual(['device-credential'])
    expect(parsePlatformArguments.setSecret(['device-credential', '{"a":1}'])).toEqual([
      'device-credential',
      '{"a":1}',
    ])
    expect(parsePlatformArguments.setSecret(['device-credential', null])).toEqual([
      'device-credential',
      null,
    ])
  })

  it.each(['database-key', 'DEVICE-CREDENTIAL', '', 1, null, { name: 'device-credential' }])(
    'getSecret and setSecret refuse the name %j',
    (name) => {
      expect(() => parsePlatformArguments.getSecret([name])).toThrow(/UNKNOWN_SECRET_NAME/)
      expect(() => parsePlatformArguments.setSecret([name, 'x'])).toThrow(/UNKNOWN_SECRET_NAME/)
    },
  )

  it.each([
    ['no value', ['device-credential'], 'WRONG_ARGUMENT_COUNT'],
    ['an extra argument', ['device-credential', 'x', 'y'], 'WRONG_ARGUMENT_COUNT'],
    ['an empty value', ['device-credential', ''], 'BAD_SECRET_VALUE'],
    ['a number', ['device-credential', 42], 'BAD_SECRET_VALUE'],
    ['undefined', ['device-credential', undefined], 'BAD_SECRET_VALUE'],
    ['an object', ['device-credential', { deviceId: 'x' }], 'BAD_SECRET_VALUE'],
    ['an over-long value', ['device-credential', 'x'.repeat(4097)], 'BAD_SECRET_VALUE'],
  ])('setSecret refuses %s', (_why, args, code) => {
    expect(() => parsePlatformArguments.setSecret(args)).toThrow(new RegExp(code))
  })

  it('saveFile accepts a well-formed request, Buffer included', () => {
    expect(parsePlatformArguments.saveFile([validRequest])).toEqual([validRequest])
    const fromBuffer = { ...validRequest, data: Buffer.from('%PDF') }
    expect(parsePlatformArguments.saveFile([fromBuffer])).toEqual([fromBuffer])
  })

  it('saveFile accepts the longest allowed file name', () => {
    const suggestedName = `${'a'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`
    expect(() =>
      parsePlatformArguments.saveFile([{ ...validRequest, suggestedName }]),
    ).not.toThrow()
  })

  it.each([
    ['no request', [], 'WRONG_ARGUMENT_COUNT'],
    ['two requests', [validRequest, validRequest], 'WRONG_ARGUMENT_COUNT'],
    ['null', [null], 'NOT_AN_OBJECT'],
    ['a string', ['kartu.pdf'], 'NOT_AN_OBJECT'],
    ['a path as name', [{ ...validRequest, suggestedName: '../../.bashrc' }], 'BAD_FILE_NAME'],
    ['an absolute name', [{ ...validRequest, suggestedName: '/etc/passwd' }], 'BAD_FILE_NAME'],
    ['a Windows path', [{ ...validRequest, suggestedName: 'C:\\Windows\\x' }], 'BAD_FILE_NAME'],
    ['a null byte', [{ ...validRequest, suggestedName: 'kartu.pdf\u0000.exe' }], 'BAD_FILE_NAME'],
    ['dot-dot', [{ ...validRequest, suggestedName: '..' }], 'BAD_FILE_NAME'],
    ['a blank name', [{ ...validRequest, suggestedName: '   ' }], 'BAD_FILE_NAME'],
    ['a numeric name', [{ ...validRequest, suggestedName: 42 }], 'BAD_FILE_NAME'],
    [
      'an over-long name',
      [{ ...validRequest, suggestedName: `${'a'.repeat(MAX_FILE_NAME_LENGTH)}.pdf` }],
      'FILE_NAME_TOO_LONG',
    ],
    ['no MIME type', [{ ...validRequest, mimeType: undefined }], 'BAD_MIME_TYPE'],
    ['a MIME type with a newline', [{ ...validRequest, mimeType: 'text/html\n' }], 'BAD_MIME_TYPE'],
    ['data as a string', [{ ...validRequest, data: '%PDF' }], 'DATA_NOT_BYTES'],
    ['data as a number array', [{ ...validRequest, data: [37, 80] }], 'DATA_NOT_BYTES'],
    ['data as an ArrayBuffer', [{ ...validRequest, data: new ArrayBuffer(4) }], 'DATA_NOT_BYTES'],
    [
      'data as other typed array',
      [{ ...validRequest, data: new Uint16Array(2) }],
      'DATA_NOT_BYTES',
    ],
    ['no data', [{ ...validRequest, data: undefined }], 'DATA_NOT_BYTES'],
  ])('saveFile refuses %s', (_why, args, code) => {
    expect(() => parsePlatformArguments.saveFile(args)).toThrow(new RegExp(code))
  })

  it('saveFile refuses more than 200 MB', () => {
    // A view that claims to be larger than the limit, without allocating 200 MB in the test.
    const oversized = new Uint8Array(1)
    Object.defineProperty(oversized, 'byteLength', { value: MAX_SAVE_FILE_BYTES + 1 })
    expect(() => parsePlatformArguments.saveFile([{ ...validRequest, data: oversized }])).toThrow(
      /FILE_TOO_LARGE/,
    )
    expect(MAX_SAVE_FILE_BYTES).toBe(200 * 1024 * 1024)
  })
})

describe('printPdf arguments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.3\n%\xff\xff\n1 0 obj\n<<>>\nendobj\n%%EOF\n')
  const printRequest = { title: 'Kartu peserta — Siti Aminah (12)', data: pdf }
  const withTitle = (title: unknown) => [{ ...printRequest, title }]
  const withData = (data: unknown) => [{ ...printRequest, data }]

  it('accepts a PDF with a title, Buffer included, and keeps nothing else', () => {
    expect(parsePlatformArguments.printPdf([printRequest])).toEqual([printRequest])
    const fromBuffer = { title: 'Stiker', data: Buffer.from(pdf) }
    expect(parsePlatformArguments.printPdf([fromBuffer])).toEqual([fromBuffer])
    const [parsed] = parsePlatformArguments.printPdf([{ ...printRequest, deviceName: 'Kantor' }])
    expect(parsed).toEqual(printRequest)
  })

  it('accepts the edges: a 200-character title and the bare 5-byte header', () => {
    expect(() =>
      parsePlatformArguments.printPdf(withTitle('k'.repeat(MAX_PRINT_TITLE_LENGTH))),
    ).not.toThrow()
    expect(() =>
      parsePlatformArguments.printPdf(withData(new TextEncoder().encode('%PDF-'))),
    ).not.toThrow()
  })

  it('reads the header through a view that starts inside a larger buffer', () => {
    const backing = new TextEncoder().encode('xx%PDF-1.7 rest')
    const view = backing.subarray(2)
    expect(parsePlatformArguments.printPdf(withData(view))).toEqual([
      { ...printRequest, data: view },
    ])
    expect(() => parsePlatformArguments.printPdf(withData(backing))).toThrow(/NOT_A_PDF/)
  })

  it.each([
    ['no request', [], 'WRONG_ARGUMENT_COUNT'],
    ['two requests', [printRequest, printRequest], 'WRONG_ARGUMENT_COUNT'],
    ['a title and data as two arguments', ['Kartu', pdf], 'WRONG_ARGUMENT_COUNT'],
    ['null', [null], 'NOT_AN_OBJECT'],
    ['undefined', [undefined], 'NOT_AN_OBJECT'],
    ['the bytes alone', ['%PDF-1.7'], 'NOT_AN_OBJECT'],
    ['an array', [[]], 'BAD_TITLE'],
    ['no title', withTitle(undefined), 'BAD_TITLE'],
    ['an empty title', withTitle(''), 'BAD_TITLE'],
    ['a blank title', withTitle(' \u00a0 '), 'BAD_TITLE'],
    ['a numeric title', withTitle(42), 'BAD_TITLE'],
    ['a title as a String object', withTitle(new String('Kartu')), 'BAD_TITLE'],
    ['a newline in the title', withTitle('Kartu\nprinter: HP'), 'BAD_TITLE'],
    ['a carriage return', withTitle('Kartu\r'), 'BAD_TITLE'],
    ['a tab', withTitle('Kartu\tStiker'), 'BAD_TITLE'],
    ['a null byte', withTitle('Kartu\u0000.exe'), 'BAD_TITLE'],
    ['an escape sequence', withTitle('\u001b[31mKartu'), 'BAD_TITLE'],
    ['DEL', withTitle('Kartu\u007f'), 'BAD_TITLE'],
    ['a C1 control', withTitle('Kartu\u0085'), 'BAD_TITLE'],
    ['a line separator', withTitle('Kartu\u2028Stiker'), 'BAD_TITLE'],
    ['a right-to-left override', withTitle('Kartu \u202efdp.exe'), 'BAD_TITLE'],
    ['a bidi isolate', withTitle('\u2067Kartu'), 'BAD_TITLE'],
    [
      'a title one character too long',
      withTitle('k'.repeat(MAX_PRINT_TITLE_LENGTH + 1)),
      'TITLE_TOO_LONG',
    ],
    ['no data', withData(undefined), 'DATA_NOT_BYTES'],
    ['data as a string', withData('%PDF-1.7'), 'DATA_NOT_BYTES'],
    ['data as a number array', withData([0x25, 0x50, 0x44, 0x46, 0x2d]), 'DATA_NOT_BYTES'],
    ['data as an ArrayBuffer', withData(pdf.buffer), 'DATA_NOT_BYTES'],
    ['data as a DataView', withData(new DataView(pdf.buffer)), 'DATA_NOT_BYTES'],
    ['data as other typed array', withData(new Uint16Array(8)), 'DATA_NOT_BYTES'],
    [
      'data that only looks like bytes',
      withData({ length: 5, 0: 0x25, 1: 0x50, 2: 0x44, 3: 0x46, 4: 0x2d }),
      'DATA_NOT_BYTES',
    ],
    ['empty data', withData(new Uint8Array(0)), 'NOT_A_PDF'],
    ['four bytes of header', withData(new TextEncoder().encode('%PDF')), 'NOT_A_PDF'],
    ['a lower-case header', withData(new TextEncoder().encode('%pdf-1.7')), 'NOT_A_PDF'],
    ['a header after a BOM', withData(new TextEncoder().encode('\ufeff%PDF-1.7')), 'NOT_A_PDF'],
    ['a header after whitespace', withData(new TextEncoder().encode(' %PDF-1.7')), 'NOT_A_PDF'],
    [
      'an HTML page',
      withData(new TextEncoder().encode('<html><script>alert(1)</script>')),
      'NOT_A_PDF',
    ],
    ['a PostScript file', withData(new TextEncoder().encode('%!PS-Adobe-3.0')), 'NOT_A_PDF'],
  ])('refuses %s', (_why, args, code) => {
    expect(() => parsePlatformArguments.printPdf(args)).toThrow(
      new RegExp(`^INVALID_ARGUMENTS: printPdf refused \\(${code}\\)`),
    )
  })

  it('refuses more than 200 MB', () => {
    // A view that claims to be larger than the limit, without allocating 200 MB in the test.
    const oversized = new Uint8Array(pdf)
    Object.defineProperty(oversized, 'byteLength', { value: MAX_PRINT_PDF_BYTES + 1 })
    expect(() => parsePlatformArguments.printPdf(withData(oversized))).toThrow(/FILE_TOO_LARGE/)
    expect(MAX_PRINT_PDF_BYTES).toBe(200 * 1024 * 1024)
  })
})
