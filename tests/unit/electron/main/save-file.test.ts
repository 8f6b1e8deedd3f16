import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { saveFileToChosenLocation } from '../../../../electron/main/save-file'

const request = {
  suggestedName: 'rekap-harian.csv',
  mimeType: 'text/csv',
  data: new TextEncoder().encode('nik;nama\n6402011505800001;Siti Aminah\n'),
}

describe('saveFileToChosenLocation', () => {
  let directory: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'naungan-save-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('writes the bytes where the clerk chose and says where', async () => {
    const location = join(directory, 'rekap.csv')
    const result = await saveFileToChosenLocation(request, async () => location)
    expect(result).toEqual({ saved: true, location })
    expect(await readFile(location, 'utf8')).toBe('nik;nama\n6402011505800001;Siti Aminah\n')
    expect(await readdir(directory)).toEqual(['rekap.csv'])
  })

  it('replaces an existing file', async () => {
    const location = join(directory, 'rekap.csv')
    await writeFile(location, 'old content that is longer than the new one')
    await saveFileToChosenLocation(request, async () => location)
    expect(await readFile(location, 'utf8')).toBe('nik;nama\n6402011505800001;Siti Aminah\n')
  })

  it('reports a cancelled dialog', async () => {
    expect(await saveFileToChosenLocation(request, async () => undefined)).toEqual({
      saved: false,
      reason: 'CANCELLED',
    })
  })

  it('reports a write that fails, leaving nothing behind', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const location = join(directory, 'folder-yang-tidak-ada', 'rekap.csv')
    expect(await saveFileToChosenLocation(request, async () => location)).toEqual({
      saved: false,
      reason: 'WRITE_FAILED',
    })
    expect(await readdir(directory)).toEqual([])
    expect(log).toHaveBeenCalledOnce()
    log.mockRestore()
  })
})
