/**
 * Kecamatan by name, as a clerk looks for them: the Kemendagri code order (Tenggarong before
 * Anggana) means nothing at the counter, and type-ahead in a select wants alphabetical order.
 */
export function kecamatanByName<K extends { name: string }>(kecamatan: readonly K[]): K[] {
  return [...kecamatan].sort((a, b) => a.name.localeCompare(b.name, 'id', { sensitivity: 'base' }))
}
