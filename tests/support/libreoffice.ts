/**
 * Reading a written spreadsheet back with a program no one here wrote: LibreOffice (Debian's
 * `libreoffice-calc-nogui`) converts the XLSX to flat ODS, whose XML says what LibreOffice made
 * of every cell: its value type (float, currency, percentage, date, string), its value, its
 * number format and font, the columns' widths and the filter ranges.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The soffice on PATH, or null. */
export function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'soffice')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return null
}

/**
 * Converts each file to flat ODS in one soffice run and returns the ODS texts by file name
 * (without extension). A private profile directory lets parallel runs coexist; the run is killed
 * (its whole process group: soffice starts soffice.bin) after `timeoutMs`.
 */
export async function convertToFlatOds(
  soffice: string,
  files: Record<string, Uint8Array>,
  timeoutMs = 150_000,
): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'naungan-soffice-'))
  try {
    const inputs: string[] = []
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, `${name}.xlsx`)
      await writeFile(path, bytes)
      inputs.push(path)
    }
    const out = join(dir, 'out')
    await mkdir(out)
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'fods',
      '--outdir',
      out,
      ...inputs,
    ]
    await new Promise<void>((resolve, reject) => {
      const child = spawn(soffice, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
        reject(new Error(`soffice did not finish in ${timeoutMs} ms:\n${output}`))
      }, timeoutMs)
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        if (code === 0) resolve()
        else reject(new Error(`soffice exited with ${code}:\n${output}`))
      })
    })
    const converted: Record<string, string> = {}
    for (const name of Object.keys(files)) {
      converted[name] = await readFile(join(out, `${name}.fods`), 'utf8')
    }
    return converted
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export interface OdsCell {
  /** office:value-type: 'float', 'currency', 'percentage', 'date', 'string', … or '' when empty. */
  type: string
  /** office:value for numbers, office:date-value for dates, the text for strings. */
  value: string
  /** The text LibreOffice shows (formatted with its own locale, en-US in a fresh profile). */
  shown: string
  bold: boolean
  /** The number format's parts: 'number', 'text:Rp', 'day', 'text:-', 'month', 'year', '%', … */
  format: string[]
  /** 'number', 'currency', 'percentage', 'date', 'text', … (the ODS number style's kind). */
  formatKind: string
}

export interface OdsSheet {
  name: string
  rows: OdsCell[][]
  /** Column widths in inches, one per column up to the last one used. */
  columnWidths: number[]
  /** Ranges with filter buttons, e.g. "'Anggaran'.A1:'Anggaran'.B12". */
  filterRanges: string[]
}

const attr = (attributes: string, name: string): string | undefined => {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)
  return match ? decode(match[1]!) : undefined
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&')
}

/** The text of <text:p> paragraphs: <text:s text:c="n"/> is n spaces, a tab, a line break. */
function paragraphsText(xml: string): string {
  return [...xml.matchAll(/<text:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:p>)/g)]
    .map((paragraph) =>
      decode(
        (paragraph[1] ?? '')
          .replace(/<text:s\b([^>]*)\/>/g, (_, attributes: string) =>
            ' '.repeat(Number(attr(attributes, 'text:c') ?? '1')),
          )
          .replace(/<text:tab\/>/g, '\t')
          .replace(/<text:line-break\/>/g, '\n')
          .replace(/<[^>]+>/g, ''),
      ),
    )
    .join('\n')
}

/** The first sheet of a flat ODS file, as LibreOffice saw it. */
export function parseFlatOds(fods: string): OdsSheet {
  const numberFormats = new Map<string, { kind: string; parts: string[] }>()
  for (const style of fods.matchAll(
    /<number:([a-z-]+)-style style:name="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/number:\1-style>)/g,
  )) {
    const parts = [
      ...(style[3] ?? '').matchAll(/<number:([a-z-]+)\b[^>]*?(?:\/>|>([\s\S]*?)<\/number:\1>)/g),
    ].map((part) => {
      const [, name, content] = part
      if (name === 'text' || name === 'currency-symbol') return `text:${decode(content ?? '')}`
      return name!
    })
    numberFormats.set(style[2]!, { kind: style[1]!, parts })
  }
  const cellStyles = new Map<string, { dataStyle?: string; bold: boolean }>()
  const columnWidthStyles = new Map<string, number>()
  for (const style of fods.matchAll(
    /<style:style style:name="([^"]+)" style:family="(table-cell|table-column)"([^>]*)>([\s\S]*?)<\/style:style>/g,
  )) {
    const [, name, family, attributes, body] = style
    if (family === 'table-cell') {
      cellStyles.set(name!, {
        dataStyle: attr(attributes!, 'style:data-style-name'),
        bold: /fo:font-weight="bold"/.test(body!),
      })
    } else {
      const width = /style:column-width="([\d.]+)in"/.exec(body!)
      if (width) columnWidthStyles.set(name!, Number(width[1]))
    }
  }

  const table = /<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/.exec(fods)
  if (!table) throw new Error('no table in the converted file')
  const body = table[2]!
  const columnDefaults: (string | undefined)[] = []
  const columnWidths: number[] = []
  for (const column of body.matchAll(/<table:table-column\b([^>]*)\/>/g)) {
    const repeated = Number(attr(column[1]!, 'table:number-columns-repeated') ?? '1')
    if (repeated > 1000) break // the rest of the sheet's 16,384 columns, all alike
    for (let i = 0; i < repeated; i++) {
      columnDefaults.push(attr(column[1]!, 'table:default-cell-style-name'))
      columnWidths.push(columnWidthStyles.get(attr(column[1]!, 'table:style-name') ?? '') ?? 0)
    }
  }

  const rows: OdsCell[][] = []
  for (const row of body.matchAll(
    /<table:table-row\b[^>]*?(?:\/>|>([\s\S]*?)<\/table:table-row>)/g,
  )) {
    const cells: OdsCell[] = []
    for (const cell of (row[1] ?? '').matchAll(
      /<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g,
    )) {
      const attributes = cell[1]!
      const repeated = Number(attr(attributes, 'table:number-columns-repeated') ?? '1')
      const type = attr(attributes, 'office:value-type') ?? ''
      if (type === '' && repeated > 1000) break
      const styleName =
        attr(attributes, 'table:style-name') ?? columnDefaults[cells.length] ?? 'Default'
      const style = cellStyles.get(styleName)
      const format = numberFormats.get(style?.dataStyle ?? '')
      const shown = paragraphsText(cell[2] ?? '')
      const value =
        type === 'date'
          ? (attr(attributes, 'office:date-value') ?? '')
          : type === 'string' || type === ''
            ? shown
            : (attr(attributes, 'office:value') ?? '')
      for (let i = 0; i < repeated; i++) {
        cells.push({
          type,
          value,
          shown,
          bold: style?.bold ?? false,
          format: format?.parts ?? [],
          formatKind: format?.kind ?? '',
        })
      }
    }
    rows.push(cells)
  }
  while (rows.length > 0 && rows.at(-1)!.every((cell) => cell.type === '')) rows.pop()

  const filterRanges = [...fods.matchAll(/<table:database-range\b([^>]*?)\/?>/g)].flatMap(
    (range) =>
      attr(range[1]!, 'table:display-filter-buttons') === 'true'
        ? [attr(range[1]!, 'table:target-range-address') ?? '']
        : [],
  )
  return { name: decode(table[1]!), rows, columnWidths, filterRanges }
}
