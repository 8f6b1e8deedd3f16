/**
 * Reading a generated PDF back the way a person would see it, with real tools (apt
 * `poppler-utils`, `zbar-tools`): page count and sizes (pdfinfo), the text layer and every word's
 * box (pdftotext), rendered pages (pdftoppm) and the QR codes on them (zbarimg). The one place
 * both the unit tests (tests/unit/shared/printing/pdf.test.ts) and the e2e tests read PDFs from.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const MAX_BUFFER = 64 * 1024 * 1024

export const MM_PER_POINT = 25.4 / 72

export interface PdfPageSize {
  widthMm: number
  heightMm: number
}

/** One word of the text layer; the box is in points from the page's top-left corner. */
export interface PdfWord {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

export interface QrDecodeOptions {
  /** Render resolution; 300 dpi is a common office printer's. */
  dpi?: number
  /** 1-based pages to scan (e.g. only the fronts of a card sheet); every page when left out. */
  pages?: readonly number[]
}

/** Writes bytes to a fresh temp dir; `cleanup` removes it. */
export async function pdfFileOf(
  bytes: Uint8Array,
): Promise<{ path: string; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'naungan-pdf-'))
  const path = join(dir, 'document.pdf')
  await writeFile(path, bytes)
  return { path, dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Page count and every page's size in millimetres. Throws when poppler cannot parse the file. */
export async function pdfPages(path: string): Promise<PdfPageSize[]> {
  const { stdout: summary } = await run('pdfinfo', [path])
  const pages = Number(/^Pages:\s+(\d+)/m.exec(summary)?.[1])
  if (!Number.isInteger(pages)) throw new Error(`pdfinfo found no page count:\n${summary}`)
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(pages), path], {
    maxBuffer: MAX_BUFFER,
  })
  const sizes: PdfPageSize[] = []
  for (const match of stdout.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.push({
      widthMm: Number(match[1]) * MM_PER_POINT,
      heightMm: Number(match[2]) * MM_PER_POINT,
    })
  }
  return sizes
}

/**
 * The PDF's text layer, as pdftotext reads it. `layout` keeps words where they stand on the page
 * (a label and its value on one line) instead of in reading order.
 */
export async function pdfText(path: string, options: { layout?: boolean } = {}): Promise<string> {
  const { stdout } = await run(
    'pdftotext',
    ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), path, '-'],
    { maxBuffer: MAX_BUFFER },
  )
  return stdout
}

/** pdftotext's XHTML escapes these in word texts. `&amp;` last, so `&amp;lt;` stays `&lt;`. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Every page's words with their boxes (pdftotext -bbox-layout), in page order. */
export async function pdfWords(path: string): Promise<PdfWord[][]> {
  const { stdout: xhtml } = await run('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', path, '-'], {
    maxBuffer: MAX_BUFFER,
  })
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((match) => ({
        text: decodeEntities(match[5] ?? ''),
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
      })),
    )
}

/**
 * Renders every page at a low resolution, as a check that the PDF draws: the number of pages
 * rendered and the first page's PNG bytes (to check it is an image with content).
 */
export async function renderPages(
  path: string,
  dpi = 50,
): Promise<{ rendered: number; firstPage: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'naungan-render-'))
  try {
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', path, join(dir, 'page')], {
      maxBuffer: MAX_BUFFER,
    })
    const images = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort()
    const firstPage = images[0] ? await readFile(join(dir, images[0])) : Buffer.alloc(0)
    return { rendered: images.length, firstPage }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Renders pages to PNG and decodes every QR code on them. Returns the decoded texts in page
 * order (zbarimg's order within a page). A number as the second argument is the dpi.
 *
 * Each page is read at `dpi` and again at 4/3 of it, and the reading with more codes counts for
 * that page. Why: at exactly 300 dpi zbar misses one sticker code in ~40 renders (module edges
 * falling on pixel boundaries: 4 of 150 random sticker sheets in a probe, every one of them read
 * at 150, 200, 250, 400 and 600 dpi). The printed code is fine — a scanner does not see a fixed
 * pixel grid — so the test reads it the way a second look would.
 */
export async function decodeQrCodes(
  path: string,
  options: number | QrDecodeOptions = {},
): Promise<string[]> {
  const { dpi = 300, pages } = typeof options === 'number' ? { dpi: options } : options
  const [first, second] = await Promise.all([
    decodeEachPage(path, dpi, pages),
    decodeEachPage(path, Math.round((dpi * 4) / 3), pages),
  ])
  return first.flatMap((codes, index) => {
    const other = second[index] ?? []
    return other.length > codes.length ? other : codes
  })
}

/** The codes zbar finds on each rendered page, page by page. */
async function decodeEachPage(
  path: string,
  dpi: number,
  pages: readonly number[] | undefined,
): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'naungan-qr-'))
  try {
    const render = (range: string[], prefix: string) =>
      run('pdftoppm', ['-r', String(dpi), '-gray', '-png', ...range, path, join(dir, prefix)], {
        maxBuffer: MAX_BUFFER,
      })
    if (pages === undefined) {
      // pdftoppm pads page numbers to the page count's width, so names sort in page order.
      await render([], 'page')
    } else {
      await Promise.all(
        pages.map((page, index) =>
          render(
            ['-f', String(page), '-l', String(page)],
            `page-${String(index).padStart(4, '0')}`,
          ),
        ),
      )
    }
    const images = (await readdir(dir))
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => join(dir, name))
    if (images.length === 0) return []
    // One zbarimg for all pages, XML to tell the pages apart. It exits 4 when some page (a card
    // back) has no code; what it found on the others is still on stdout.
    const stdout = await run(
      'zbarimg',
      ['--quiet', '--xml', '-Sdisable', '-Sqrcode.enable', ...images],
      { maxBuffer: MAX_BUFFER },
    ).then(
      (result) => result.stdout,
      (error: { code?: number; stdout?: string }) => {
        if (error.code === 4 && typeof error.stdout === 'string') return error.stdout
        throw error
      },
    )
    const byImage = new Map<string, string[]>()
    for (const source of stdout.matchAll(/<source href='([^']*)'>([\s\S]*?)<\/source>/g)) {
      const codes = [...(source[2] ?? '').matchAll(/<data><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)]
      byImage.set(
        source[1] ?? '',
        codes.map((code) => code[1] ?? ''),
      )
    }
    return images.map((image) => byImage.get(image) ?? [])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
