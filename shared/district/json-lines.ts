/**
 * Where things are in district.json's text. JSON.parse gives the value but forgets where each key
 * was written, and its syntax errors are English offsets ("at position 812"); the regency's IT
 * staff fix the file in an editor that counts lines. This walker reads the same grammar (RFC 8259)
 * and keeps the line of every key, so a validation error can say "baris 27" and a syntax error
 * "baris 12, kolom 5" with an Indonesian reason that names the usual hand-editing slips (a missing
 * or trailing comma, single quotes, an unquoted key, a comment).
 *
 * Pure: no Node APIs, so the renderer and the build can use it as well as the server.
 */

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 units: what an editor shows for Indonesian text. */
  column: number
  /** Indonesian. */
  reason: string
}

/** A key written twice in one object: JSON.parse keeps the last and silently drops the first. */
export interface DuplicateJsonKey {
  /** Path of the later one, '.region.code'. */
  path: string
  line: number
}

export type JsonIndex =
  | {
      ok: true
      /**
       * The line where `path` ('.payers[1].code', '' for the whole file) starts: its key inside an
       * object, its first character inside a list. A path that is not in the file gives the line
       * of its nearest ancestor that is: a missing key is reported where its parent object is.
       */
      lineOf(path: string): number
      duplicates: DuplicateJsonKey[]
    }
  | { ok: false; problem: JsonSyntaxProblem }

interface JsonNode {
  line: number
  members?: Map<string, JsonNode>
  items?: JsonNode[]
}

class SyntaxStop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** Deeper than any district.json; a bound keeps a runaway file from exhausting the stack. */
const MAX_DEPTH = 64
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const NUMBER_TAIL = /[\w.+-]/
const WORD = /[A-Za-z_$][\w$]*/y
const PATH_SEGMENT = /\.([^.[]+)|\[(\d+)\]/y
/**
 * Spaces JSON does not allow between values, which a copy from a Word document or a web page
 * brings along (U+00A0 above all); the editor shows them as ordinary spaces.
 */
const FOREIGN_SPACE = /[\v\f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/
const ANY_VALUE = 'teks "…", angka, true, false, null, objek { … } atau daftar [ … ]'

/** Reads `text` as JSON, keeping each key's line; or the first syntax problem, in Indonesian. */
export function indexJson(text: string): JsonIndex {
  // Notepad's "UTF-8" writes a byte-order mark; the editor does not show it as a column.
  const start = text.startsWith('\uFEFF') ? 1 : 0
  const lineStarts = [start]
  for (let at = start; at < text.length; at++) {
    if (text[at] === '\n') lineStarts.push(at + 1)
  }
  const lineIndexOf = (offset: number): number => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((lineStarts[middle] as number) <= offset) low = middle
      else high = middle - 1
    }
    return low
  }
  const lineOf = (offset: number): number => lineIndexOf(offset) + 1

  const duplicates: DuplicateJsonKey[] = []
  let i = start

  const stop = (offset: number, reason: string): never => {
    throw new SyntaxStop(offset, reason)
  }

  const skipSpace = (): void => {
    for (;;) {
      const char = text[i]
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
        i += 1
      } else if (char !== undefined && FOREIGN_SPACE.test(char)) {
        const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
        stop(
          i,
          `spasi U+${code} tidak boleh dipakai di luar teks JSON (biasanya tersalin dari dokumen atau halaman web): hapus lalu ketik ulang spasinya`,
        )
      } else if (char === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
        stop(i, 'JSON tidak mengenal komentar: hapus komentar ini (atau jadikan teks sebuah kunci)')
      } else {
        return
      }
    }
  }

  const wordAt = (offset: number): string | undefined => {
    WORD.lastIndex = offset
    return WORD.exec(text)?.[0]
  }

  /** From an opening '"' to past its closing one; returns the decoded text. */
  const readString = (): string => {
    const opening = i
    i += 1
    for (;;) {
      const char = text[i]
      if (char === undefined || char === '\n' || char === '\r') {
        stop(
          opening,
          'teks yang dibuka dengan tanda kutip ganda " di sini tidak ditutup sebelum akhir baris',
        )
      } else if (char === '"') {
        i += 1
        return JSON.parse(text.slice(opening, i)) as string
      } else if (char === '\\') {
        const next = text[i + 1] ?? ''
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          i += 6
        } else if (next !== '' && '"\\/bfnrt'.includes(next)) {
          i += 2
        } else {
          stop(
            i,
            'garis miring terbalik \\ di dalam teks harus diikuti salah satu dari " \\ / b f n r t uXXXX; untuk satu garis miring terbalik tulis \\\\',
          )
        }
      } else if (char < ' ') {
        stop(i, 'karakter kendali (mis. tab) tidak boleh ada di dalam teks: tulis \\t untuk tab')
      } else {
        i += 1
      }
    }
  }

  const readNumber = (): void => {
    const first = i
    NUMBER.lastIndex = first
    const match = NUMBER.exec(text)
    const end = first + (match?.[0].length ?? 0)
    if (!match || NUMBER_TAIL.test(text[end] ?? '')) {
      let tokenEnd = first + 1
      while (NUMBER_TAIL.test(text[tokenEnd] ?? '')) tokenEnd += 1
      stop(
        first,
        `angka ${text.slice(first, tokenEnd)} tidak sah: tulis angka tanpa nol di depan dan tanpa titik ribuan, mis. 64 atau 16800 (pakai titik hanya untuk desimal: 0.5)`,
      )
    }
    i = end
  }

  const readWord = (): void => {
    const word = wordAt(i)
    if (word === undefined) {
      const char = text[i] as string
      if (char === "'") {
        stop(i, 'teks harus di antara tanda kutip ganda "…", bukan kutip tunggal \'…\'')
      }
      stop(
        i,
        `tanda ${char} tidak pada tempatnya: di sini seharusnya ada nilai, yaitu ${ANY_VALUE}`,
      )
    } else if (word === 'true' || word === 'false' || word === 'null') {
      i += word.length
    } else {
      stop(
        i,
        `nilai ${word} tidak dikenal: teks harus di antara tanda kutip ganda ("${word}"); selain teks hanya boleh angka, true, false, null (huruf kecil), objek { … } atau daftar [ … ]`,
      )
    }
  }

  /** After a member or an item: ',' (returns its offset), the closing bracket (returns -1), or a stop. */
  const afterEntry = (opening: number, close: '}' | ']'): number => {
    const valueEnd = i
    skipSpace()
    const char = text[i]
    if (char === ',') {
      i += 1
      return i - 1
    }
    if (char === close) {
      i += 1
      return -1
    }
    const what = close === '}' ? 'objek' : 'daftar'
    if (char === undefined) {
      stop(
        i,
        `berkas berakhir sebelum ${what} yang dibuka di baris ${lineOf(opening)} ditutup dengan ${close}`,
      )
    }
    // The missing comma belongs right after the value, usually at the end of the line above.
    return stop(
      valueEnd,
      `sesudah nilai ini harus ada koma , (bila ${what} berlanjut) atau ${close} (bila ${what} berakhir di sini); mungkin komanya terlupa`,
    )
  }

  const readValue = (path: string, depth: number): JsonNode => {
    const node: JsonNode = { line: lineOf(i) }
    const char = text[i]
    if (char === undefined)
      stop(i, `berkas berakhir padahal di sini seharusnya ada nilai: ${ANY_VALUE}`)
    if ((char === '{' || char === '[') && depth >= MAX_DEPTH) {
      stop(i, `objek dan daftar bersarang lebih dari ${MAX_DEPTH} tingkat`)
    }
    if (char === '{') {
      node.members = readObject(path, depth)
    } else if (char === '[') {
      node.items = readArray(path, depth)
    } else if (char === '"') {
      readString()
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      readNumber()
    } else {
      readWord()
    }
    return node
  }

  const readObject = (path: string, depth: number): Map<string, JsonNode> => {
    const opening = i
    const members = new Map<string, JsonNode>()
    i += 1
    skipSpace()
    if (text[i] === '}') {
      i += 1
      return members
    }
    let comma = -1
    for (;;) {
      skipSpace()
      const keyStart = i
      const char = text[i]
      if (char !== '"') {
        const word = wordAt(i)
        if (char === '}' && comma >= 0) {
          stop(
            comma,
            'koma terakhir sebelum } harus dihapus: JSON tidak membolehkan koma sesudah anggota terakhir',
          )
        } else if (char === undefined) {
          stop(
            i,
            `berkas berakhir sebelum objek yang dibuka di baris ${lineOf(opening)} ditutup dengan }`,
          )
        } else if (char === "'") {
          stop(i, 'nama kunci harus di antara tanda kutip ganda "…", bukan kutip tunggal \'…\'')
        } else if (word !== undefined) {
          stop(i, `nama kunci harus di antara tanda kutip ganda: tulis "${word}"`)
        }
        stop(i, `di sini seharusnya ada nama kunci di antara tanda kutip ganda, mis. "code"`)
      }
      const key = readString()
      skipSpace()
      if (text[i] !== ':') stop(i, `sesudah nama kunci "${key}" harus ada titik dua :`)
      i += 1
      skipSpace()
      const memberPath = `${path}.${key}`
      const node = { ...readValue(memberPath, depth + 1), line: lineOf(keyStart) }
      if (members.has(key)) duplicates.push({ path: memberPath, line: node.line })
      members.set(key, node)
      comma = afterEntry(opening, '}')
      if (comma < 0) return members
    }
  }

  const readArray = (path: string, depth: number): JsonNode[] => {
    const opening = i
    const items: JsonNode[] = []
    i += 1
    skipSpace()
    if (text[i] === ']') {
      i += 1
      return items
    }
    let comma = -1
    for (;;) {
      skipSpace()
      if (text[i] === ']' && comma >= 0) {
        stop(
          comma,
          'koma terakhir sebelum ] harus dihapus: JSON tidak membolehkan koma sesudah isi terakhir',
        )
      }
      items.push(readValue(`${path}[${items.length}]`, depth + 1))
      comma = afterEntry(opening, ']')
      if (comma < 0) return items
    }
  }

  let root: JsonNode
  try {
    skipSpace()
    if (i >= text.length) stop(i, 'berkas kosong: isinya harus satu objek JSON { … }')
    root = readValue('', 0)
    skipSpace()
    if (i < text.length) {
      stop(
        i,
        'sesudah objek utama ditutup masih ada isi lain: hapus, atau pindahkan ke dalam { … }',
      )
    }
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error
    const lineIndex = lineIndexOf(error.offset)
    return {
      ok: false,
      problem: {
        line: lineIndex + 1,
        column: error.offset - (lineStarts[lineIndex] as number) + 1,
        reason: error.reason,
      },
    }
  }

  const found = root
  return {
    ok: true,
    duplicates,
    lineOf(path: string): number {
      let node = found
      PATH_SEGMENT.lastIndex = 0
      while (PATH_SEGMENT.lastIndex < path.length) {
        const segment = PATH_SEGMENT.exec(path)
        if (!segment) break
        const child =
          segment[1] !== undefined
            ? node.members?.get(segment[1])
            : node.items?.[Number(segment[2])]
        if (!child) break
        node = child
      }
      return node.line
    },
  }
}

/**
 * The line where `path` starts in the JSON `text` (see JsonIndex.lineOf), or undefined when the
 * text is not JSON.
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const index = indexJson(text)
  return index.ok ? index.lineOf(path) : undefined
}
