/**
 * A small XLSX reader: enough of Office Open XML (ECMA-376 part 1, §18.3 worksheets, §18.4 shared
 * strings) to read one sheet's values. Styles are not read, so a number is a number: dates arrive
 * as Excel serial numbers (the column's meaning says when to read one as a date), and a NIK typed
 * into a General/Number cell arrives as Excel kept it — 15 significant digits — which the import
 * reports instead of guessing the lost digit.
 *
 * The file is untrusted: only the parts needed are inflated, and each is refused beyond a size
 * bound, so a crafted zip cannot inflate to gigabytes.
 */
import { unzipSync } from 'fflate'
import type { SheetRow } from './sheet'
import { columnIndexOf } from './sheet'

/** Largest inflated part read (a 100,000-row sheet with 15 columns is ~40 MB of XML). */
export const MAX_XLSX_PART_BYTES = 256 * 1024 * 1024

export type XlsxReadResult =
  | {
      ok: true
      sheetNames: string[]
      sheetName: string
      rows: SheetRow[]
      /** The workbook counts days from 1904 (old Mac Excel): serial dates shift by 1,462 days. */
      date1904: boolean
    }
  | { ok: false; reason: 'NOT_XLSX' | 'NO_SHEETS' | 'SHEET_NOT_FOUND' | 'TOO_LARGE' }

const XML_ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g
/** OOXML escapes characters XML cannot hold (e.g. a carriage return) as _xHHHH_. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g

export function decodeXmlText(raw: string): string {
  let text = raw
  if (text.includes('&')) {
    text = text.replace(XML_ENTITY, (_match, entity: string) => {
      switch (entity) {
        case 'amp':
          return '&'
        case 'lt':
          return '<'
        case 'gt':
          return '>'
        case 'quot':
          return '"'
        case 'apos':
          return "'"
        default: {
          const code =
            entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
        }
      }
    })
  }
  if (text.includes('_x')) {
    text = text.replace(OOXML_ESCAPE, (_match, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    )
  }
  return text
}

const attributePatterns = new Map<string, RegExp>()

function attribute(attributes: string, name: string): string | null {
  let pattern = attributePatterns.get(name)
  if (!pattern) {
    // Attribute names may carry any namespace prefix (r:id, x:r); values are in either quote.
    pattern = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)
    attributePatterns.set(name, pattern)
  }
  const match = pattern.exec(attributes)
  if (!match) return null
  return decodeXmlText(match[2] ?? match[3] ?? '')
}

/** The text runs of a shared string or inline string, without phonetic (rPh) runs. */
function textOf(xml: string): string {
  const body = xml.includes('rPh')
    ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '')
    : xml
  let text = ''
  const run = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g
  for (let match = run.exec(body); match; match = run.exec(body)) text += match[1]
  return decodeXmlText(text)
}

function parseSharedStrings(xml: string): string[] {
  const strings: string[] = []
  const item = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g
  for (let match = item.exec(xml); match; match = item.exec(xml)) {
    strings.push(match[1] === undefined ? '' : textOf(match[1]))
  }
  return strings
}

interface SheetEntry {
  name: string
  path: string
}

function resolveTarget(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`
  // Targets are relative to xl/; resolve "../" the way a zip path needs it.
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

function listSheets(workbookXml: string, relsXml: string | null): SheetEntry[] {
  const targets = new Map<string, string>()
  if (relsXml) {
    const rel = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g
    for (let match = rel.exec(relsXml); match; match = rel.exec(relsXml)) {
      const id = attribute(match[1] ?? '', 'Id')
      const target = attribute(match[1] ?? '', 'Target')
      if (id && target) targets.set(id, resolveTarget(target))
    }
  }
  const sheets: SheetEntry[] = []
  const sheet = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g
  let position = 0
  for (let match = sheet.exec(workbookXml); match; match = sheet.exec(workbookXml)) {
    position++
    const attributes = match[1] ?? ''
    const name = attribute(attributes, 'name') ?? `Sheet${position}`
    const relationId = attribute(attributes, 'id')
    const path =
      (relationId ? targets.get(relationId) : undefined) ?? `xl/worksheets/sheet${position}.xml`
    sheets.push({ name, path })
  }
  return sheets
}

function parseSheet(xml: string, sharedStrings: readonly string[]): SheetRow[] {
  const rows: SheetRow[] = []
  const rowPattern = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g
  const cellPattern = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g
  const valuePattern = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/
  const inlinePattern = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/
  let previousRow = 0
  for (let rowMatch = rowPattern.exec(xml); rowMatch; rowMatch = rowPattern.exec(xml)) {
    const rowAttribute = attribute(rowMatch[1] ?? '', 'r')
    const rowNumber = rowAttribute ? Number(rowAttribute) : previousRow + 1
    previousRow = rowNumber
    const body = rowMatch[2]
    if (!body) continue
    const cells: string[] = []
    let numericCells: number[] | undefined
    let nextColumn = 0
    cellPattern.lastIndex = 0
    for (let cell = cellPattern.exec(body); cell; cell = cellPattern.exec(body)) {
      const attributes = cell[1] ?? ''
      const reference = attribute(attributes, 'r')
      const letters = reference ? /^[A-Z]+/.exec(reference)?.[0] : undefined
      const column = letters ? columnIndexOf(letters) : nextColumn
      nextColumn = column + 1
      const content = cell[2]
      if (!content) continue
      const type = attribute(attributes, 't') ?? 'n'
      let text: string
      if (type === 'inlineStr') {
        const inline = inlinePattern.exec(content)
        text = inline ? textOf(inline[1] ?? '') : ''
      } else {
        const value = valuePattern.exec(content)
        if (!value) continue
        const raw = value[1] ?? ''
        if (type === 's') text = sharedStrings[Number(raw)] ?? ''
        else if (type === 'b') text = raw === '1' ? 'TRUE' : 'FALSE'
        else text = decodeXmlText(raw)
        if (type === 'n') (numericCells ??= []).push(column)
      }
      while (cells.length < column) cells.push('')
      cells[column] = text
    }
    if (cells.some((text) => text !== '')) {
      rows.push(numericCells ? { rowNumber, cells, numericCells } : { rowNumber, cells })
    }
  }
  return rows
}

/** True when the bytes start like a zip file (an XLSX is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

export function readXlsx(bytes: Uint8Array, options: { sheetName?: string } = {}): XlsxReadResult {
  if (!looksLikeZip(bytes)) return { ok: false, reason: 'NOT_XLSX' }
  const decoder = new TextDecoder('utf-8')
  let tooLarge = false
  const unzipOnly = (wanted: (name: string) => boolean): Record<string, Uint8Array> | null => {
    try {
      return unzipSync(bytes, {
        filter: (file) => {
          if (!wanted(file.name)) return false
          if (file.originalSize > MAX_XLSX_PART_BYTES) {
            tooLarge = true
            return false
          }
          return true
        },
      })
    } catch {
      return null
    }
  }
  const meta = unzipOnly(
    (name) =>
      name === 'xl/workbook.xml' ||
      name === 'xl/_rels/workbook.xml.rels' ||
      name === 'xl/sharedStrings.xml',
  )
  if (tooLarge) return { ok: false, reason: 'TOO_LARGE' }
  const workbookBytes = meta?.['xl/workbook.xml']
  if (!meta || !workbookBytes) return { ok: false, reason: 'NOT_XLSX' }
  const workbookXml = decoder.decode(workbookBytes)
  const relsBytes = meta['xl/_rels/workbook.xml.rels']
  const sheets = listSheets(workbookXml, relsBytes ? decoder.decode(relsBytes) : null)
  if (sheets.length === 0) return { ok: false, reason: 'NO_SHEETS' }
  const chosen = options.sheetName
    ? sheets.find((sheet) => sheet.name === options.sheetName)
    : sheets[0]
  if (!chosen) return { ok: false, reason: 'SHEET_NOT_FOUND' }

  const sheetParts = unzipOnly((name) => name === chosen.path)
  if (tooLarge) return { ok: false, reason: 'TOO_LARGE' }
  const sheetBytes = sheetParts?.[chosen.path]
  if (!sheetBytes) return { ok: false, reason: 'NO_SHEETS' }
  const sharedBytes = meta['xl/sharedStrings.xml']
  const sharedStrings = sharedBytes ? parseSharedStrings(decoder.decode(sharedBytes)) : []
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(
    workbookXml,
  )
  return {
    ok: true,
    sheetNames: sheets.map((sheet) => sheet.name),
    sheetName: chosen.name,
    rows: parseSheet(decoder.decode(sheetBytes), sharedStrings),
    date1904,
  }
}
