/**
 * shared/district/json-lines.ts: the walker that finds the line of a key path in district.json's
 * text, and says in Indonesian where and why a text is not JSON. Lines here are counted by hand
 * from the literal texts; the grammar is checked against JSON.parse on hundreds of broken copies
 * of the shipped file.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { indexJson, lineOfPath } from '@shared/district/json-lines'
import { expectIndonesian } from './indonesian'

const shipped = readFileSync(
  new URL('../../../../resources/district/district.json', import.meta.url),
  'utf8',
)

// Line numbers on the right are what an editor shows; a brace inside a text must not count.
const TEXT = [
  '{', //                                        1
  '  "region": { "code": "64.02",', //            2
  '    "name": "a{b[c\\"d],}" },', //             3
  '  "payers": [', //                             4
  '    { "code": "apbd" },', //                   5
  '    {', //                                     6
  '      "code": "prov",', //                     7
  '      "budgets": [', //                        8
  '        { "year": 2026,', //                   9
  '          "total": 5 }', //                    10
  '      ]', //                                   11
  '    }', //                                     12
  '  ],', //                                      13
  '  "empty": {},', //                            14
  '  "list": [[1, 2],', //                        15
  '    [3, -0.5e+2, true, null]],', //           16
  '  "a\\u0062": "escaped key"', //              17
  '}', //                                         18
].join('\n')

describe('lineOfPath', () => {
  it.each([
    ['', 1],
    ['.region', 2],
    ['.region.code', 2],
    ['.region.name', 3],
    ['.payers', 4],
    ['.payers[0]', 5],
    ['.payers[0].code', 5],
    ['.payers[1]', 6],
    ['.payers[1].code', 7],
    ['.payers[1].budgets', 8],
    ['.payers[1].budgets[0].year', 9],
    ['.payers[1].budgets[0].total', 10],
    ['.empty', 14],
    ['.list[0][1]', 15],
    ['.list[1]', 16],
    ['.list[1][3]', 16],
    ['.ab', 17],
  ])('finds %s on line %i', (path, line) => {
    expect(lineOfPath(TEXT, path)).toBe(line)
  })

  it.each([
    ['a key missing from an object', '.payers[1].name', 6],
    ['a key missing two levels down', '.payers[1].budgets[0].lines.jkk', 9],
    ['an item past the end of a list', '.payers[5].code', 4],
    ['a key missing from an empty object', '.empty.x', 14],
    ['a key missing from the file', '.tariffs', 1],
    ['a key below a text', '.region.name.deeper', 3],
    ['an index on an object', '.region[0]', 2],
  ])('gives the nearest written ancestor for %s', (_label, path, line) => {
    expect(lineOfPath(TEXT, path)).toBe(line)
  })

  it('counts lines the same with Windows line ends and a byte-order mark', () => {
    const windows = '\uFEFF' + TEXT.replaceAll('\n', '\r\n')
    expect(lineOfPath(windows, '.payers[1].budgets[0].total')).toBe(10)
    expect(lineOfPath(windows, '.list[1]')).toBe(16)
  })

  it('finds keys of the shipped district.json where a text search finds them', () => {
    const lines = shipped.split('\n')
    const lineWith = (snippet: string): number => {
      const found = lines.flatMap((line, index) => (line.includes(snippet) ? [index + 1] : []))
      expect(found, snippet).toHaveLength(1)
      return found[0] as number
    }
    expect(lineOfPath(shipped, '.ageRange.max')).toBe(lineWith('"max": 64'))
    expect(lineOfPath(shipped, '.tariffs[0].discounts[0].percent')).toBe(lineWith('"percent"'))
    expect(lineOfPath(shipped, '.verification.byOccupation.nelayan')).toBe(lineWith('"nelayan": ['))
    expect(lineOfPath(shipped, '.print.stickerWords')).toBe(lineWith('"stickerWords"'))
  })

  it('gives no line for a text that is not JSON', () => {
    expect(lineOfPath('{ "a": 1,, }', '.a')).toBeUndefined()
  })
})

describe('indexJson reports a key written twice, where JSON.parse would keep only the last', () => {
  it('names the later one', () => {
    const index = indexJson('{ "a": 1,\n  "b": { "c": 1,\n    "c": 2 },\n  "a": 3 }')
    expect(index.ok && index.duplicates).toEqual([
      { path: '.b.c', line: 3 },
      { path: '.a', line: 4 },
    ])
  })

  it('finds none in the shipped file', () => {
    const index = indexJson(shipped)
    expect(index.ok && index.duplicates).toEqual([])
  })
})

describe('indexJson says where a text is not JSON, in Indonesian', () => {
  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 2, 9, 'harus ada koma ,'],
    ['a missing comma in a list', '[1\n 2]', 1, 3, 'harus ada koma , (bila daftar berlanjut)'],
    ['a comma after the last member', '{\n  "a": 1,\n}', 2, 9, 'koma terakhir sebelum }'],
    ['a comma after the last item', '{ "a": [1, 2, ] }', 1, 13, 'koma terakhir sebelum ]'],
    ['an unquoted key', '{\n  code: "x" }', 2, 3, 'tulis "code"'],
    ['a key in single quotes', "{ 'code': 1 }", 1, 3, 'bukan kutip tunggal'],
    ['a text in single quotes', '{ "a": \'x\' }', 1, 8, 'bukan kutip tunggal'],
    ['a line comment', '{\n  // catatan\n  "a": 1 }', 2, 3, 'JSON tidak mengenal komentar'],
    ['a block comment after a value', '{ "a": 1 /* x */ }', 1, 10, 'JSON tidak mengenal komentar'],
    ['Python’s True', '{ "a": True }', 1, 8, 'nilai True tidak dikenal'],
    ['undefined', '{ "a": undefined }', 1, 8, 'nilai undefined tidak dikenal'],
    ['a leading zero', '{ "kode": 0641 }', 1, 11, 'angka 0641 tidak sah'],
    ['a thousands separator', '{ "a": 16.800.000 }', 1, 8, 'angka 16.800.000 tidak sah'],
    ['a decimal comma read as a key', '{ "a": 1,5 }', 1, 10, 'di sini seharusnya ada nama kunci'],
    ['a number without digits', '{ "a": - }', 1, 8, 'angka - tidak sah'],
    ['a missing colon', '{ "a" 1 }', 1, 7, 'sesudah nama kunci "a" harus ada titik dua :'],
    ['a text left open', '{ "a": "x,\n  "b": 1 }', 1, 8, 'tidak ditutup sebelum akhir baris'],
    ['a lone backslash', '{ "path": "C:\\logo.png" }', 1, 14, 'garis miring terbalik'],
    ['a tab inside a text', '{ "a": "x\ty" }', 1, 10, 'karakter kendali'],
    [
      'a no-break space copied from a document',
      '{\n  "a":\u00a01 }',
      2,
      7,
      'spasi U+00A0 tidak boleh dipakai di luar teks JSON',
    ],
    ['a vertical tab', '{ "a": 1,\v"b": 2 }', 1, 10, 'spasi U+000B'],
    ['a stray closing bracket', '{ "a": ] }', 1, 8, 'tanda ] tidak pada tempatnya'],
    ['a value missing at the end', '{ "a": ', 1, 8, 'berkas berakhir padahal'],
    [
      'an object never closed',
      '{\n  "a": {\n    "b": 1\n',
      4,
      1,
      'berkas berakhir sebelum objek yang dibuka di baris 2 ditutup dengan }',
    ],
    ['more after the object', '{ "a": 1 }\n{ "b": 2 }', 2, 1, 'sesudah objek utama ditutup'],
    ['an empty file', '\n\n', 3, 1, 'berkas kosong'],
  ])('%s', (_label, text, line, column, reason) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError)
    const index = indexJson(text)
    expect(index.ok).toBe(false)
    if (index.ok) return
    expect({ line: index.problem.line, column: index.problem.column }).toEqual({ line, column })
    expect(index.problem.reason).toContain(reason)
    expectIndonesian(index.problem.reason)
  })

  it('refuses nesting deeper than any district.json, where JSON.parse would go on', () => {
    const deep = '['.repeat(65) + ']'.repeat(65)
    const index = indexJson(deep)
    expect(!index.ok && index.problem).toEqual({
      line: 1,
      column: 65,
      reason: 'objek dan daftar bersarang lebih dari 64 tingkat',
    })
    expect(indexJson('['.repeat(64) + ']'.repeat(64)).ok).toBe(true)
  })

  it('counts the column after a byte-order mark as the editor does', () => {
    const index = indexJson('\uFEFF{ "a": True }')
    expect(!index.ok && index.problem).toMatchObject({ line: 1, column: 8 })
  })

  /**
   * The walker must accept exactly what JSON.parse accepts, or a valid district.json would be
   * refused (or a broken one be given a line that does not exist). Hand edits are single
   * characters typed or deleted: try a few hundred, from a fixed seed so a failure repeats.
   */
  it('agrees with JSON.parse on 600 one-character edits of the shipped file', () => {
    let seed = 19
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % below
    }
    const typed = [',', '{', '}', '[', ']', '"', ':', "'", 'a', '0', ' ', '\n', '\\', '/', '-', '.']
    typed.push('\t', '\r', '\u00a0', '\v', 'e', 'E', '+', 'u')
    let refused = 0
    for (let edit = 0; edit < 600; edit++) {
      const at = random(shipped.length)
      const text =
        edit % 2 === 0
          ? shipped.slice(0, at) + shipped.slice(at + 1)
          : shipped.slice(0, at) + (typed[random(typed.length)] as string) + shipped.slice(at)
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      const index = indexJson(text)
      expect(
        index.ok,
        `edit ${edit} at ${at}: ${JSON.stringify(text.slice(at - 20, at + 20))}`,
      ).toBe(parses)
      if (!index.ok) {
        refused += 1
        expect(index.problem.line).toBeGreaterThanOrEqual(1)
        expect(index.problem.line).toBeLessThanOrEqual(text.split('\n').length)
        expectIndonesian(index.problem.reason)
      }
    }
    // Most edits break the file: the comparison above is not only of valid texts.
    expect(refused).toBeGreaterThan(100)
  })
})
