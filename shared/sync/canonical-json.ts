/**
 * One text per JSON value, whatever the key order: objects with their keys sorted, no spaces,
 * `undefined` members left out (as JSON.stringify does). Both sides compare documents with it —
 * the server to tell a retried push from a conflicting one, the client to decide whether its
 * `assumedMasterState` still matches — so key order from IndexedDB or jsonb never counts as a
 * change.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value)
    // JSON.stringify(undefined) is undefined; inside arrays JSON writes null for it.
    return text === undefined ? 'null' : text
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const record = value as Record<string, unknown>
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
  return `{${members.join(',')}}`
}

/** Deep equality of two JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}
