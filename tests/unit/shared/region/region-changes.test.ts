import { describe, expect, it } from 'vitest'
import {
  formatRegionChanges,
  historyOfArea,
  parseRegionChanges,
  REGION_CHANGES_HEADER,
  regionChangesBetween,
  regionCodesAdded,
} from '../../../../shared/region/region-changes'

const BEFORE = [
  'code,name,level,parent_code',
  '64.02,Kutai Kartanegara,kabupaten,64',
  '64.02.06,Tenggarong,kecamatan,64.02',
  '64.02.06.1001,Jahab Lama,kelurahan,64.02.06',
  '64.02.06.1002,Loa Ipuh,kelurahan,64.02.06',
  '64.02.06.2099,"Desa Hilang, Hulu",desa,64.02.06',
  '',
].join('\n')
const AFTER = [
  'code,name,level,parent_code',
  '64.02,Kutai Kartanegara,kabupaten,64',
  '64.02.06,Tenggarong,kecamatan,64.02',
  '64.02.06.1001,Jahab,kelurahan,64.02.06',
  '64.02.06.1002,Loa Ipuh,kelurahan,64.02.06',
  '64.02.06.1003,Bukit Biru,kelurahan,64.02.06',
  '',
].join('\n')
const EDITION = 'idn-area-data 4.1.0'

describe('a new Kemendagri edition: what changed, kept beside the table', () => {
  it('names a rename under its kept code and a code gone, not the unchanged ones', () => {
    expect(regionChangesBetween(BEFORE, AFTER, EDITION)).toEqual([
      { code: '64.02.06.1001', formerName: 'Jahab Lama', name: 'Jahab', edition: EDITION },
      { code: '64.02.06.2099', formerName: 'Desa Hilang, Hulu', name: '', edition: EDITION },
    ])
    expect(regionCodesAdded(BEFORE, AFTER)).toEqual(['64.02.06.1003'])
  })

  it('writes and reads the record of changes, a comma in a name included', () => {
    const changes = regionChangesBetween(BEFORE, AFTER, EDITION)
    const file = `${REGION_CHANGES_HEADER}\n${formatRegionChanges(changes)}`
    expect(file).toContain('64.02.06.2099,"Desa Hilang, Hulu",,idn-area-data 4.1.0\n')
    expect(parseRegionChanges(file)).toEqual(changes)
  })

  it("tells a screen what an area was called, and that a removed one's code is kept", () => {
    const changes = parseRegionChanges(
      `${REGION_CHANGES_HEADER}\n${formatRegionChanges(regionChangesBetween(BEFORE, AFTER, EDITION))}`,
    )
    expect(historyOfArea(changes, '64.02.06.1001')).toEqual({
      formerNames: ['Jahab Lama'],
      removedIn: null,
    })
    expect(historyOfArea(changes, '64.02.06.2099')).toEqual({
      formerNames: ['Desa Hilang, Hulu'],
      removedIn: EDITION,
    })
    expect(historyOfArea(changes, '64.02.06.1002')).toEqual({ formerNames: [], removedIn: null })
  })

  it('a code removed, brought back and removed again was last removed in the later edition', () => {
    const changes = parseRegionChanges(
      [
        REGION_CHANGES_HEADER,
        '64.02.06.2099,Desa Hilang,,idn-area-data 4.1.0',
        '64.02.06.2099,Desa Hilang Baru,,idn-area-data 4.3.0',
        '',
      ].join('\n'),
    )
    expect(historyOfArea(changes, '64.02.06.2099')).toEqual({
      formerNames: ['Desa Hilang', 'Desa Hilang Baru'],
      removedIn: 'idn-area-data 4.3.0',
    })
  })

  it('refuses a malformed record in Indonesian, with the line', () => {
    expect(() => parseRegionChanges('kode,nama\n')).toThrow('baris 1: kepala kolom')
    expect(() => parseRegionChanges(`${REGION_CHANGES_HEADER}\n64.02.06.1001,,Jahab,x\n`)).toThrow(
      'wilayah-perubahan.csv baris 2',
    )
  })
})
