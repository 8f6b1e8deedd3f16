import { describe, expect, it } from 'vitest'
import {
  MAX_FILE_NAME_LENGTH,
  MAX_SAVE_FILE_BYTES,
  parsePlatformArguments,
} from '../../electron/main/ipc-arguments'

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
