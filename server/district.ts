/** The district the server validates against: the same two files the app ships with. */
import { readFileSync } from 'node:fs'
import { loadDistrict, type District } from '../shared/district/district-config'

const RESOURCES = new URL('../resources/district/', import.meta.url)

export function loadServerDistrict(
  configPath: string | URL = new URL('district.json', RESOURCES),
  regionCsvPath: string | URL = new URL('wilayah.csv', RESOURCES),
): District {
  return loadDistrict(
    JSON.parse(readFileSync(configPath, 'utf8')) as unknown,
    readFileSync(regionCsvPath, 'utf8'),
  )
}
