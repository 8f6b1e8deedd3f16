/**
 * What a V8 heap snapshot holds, grouped: `npx tsx tests/bench/app-sync/heap-summary.ts FILE
 * [--top 40]` (a snapshot from `run-app-sync-bench.ts --heap-snapshot MB`, or DevTools).
 *
 * Prints, by self size: node types; objects by constructor and, for plain objects, by their first
 * property names (so "Object{status,checks,createdAt,…}" tells a dashboard record from a stored
 * document); strings by length band; arrays by what holds them. Self sizes only: what each group
 * is made of, not what it keeps alive. `--retainers TEXT` adds, for a few objects of each group
 * whose name starts with TEXT, the chain of what holds them (edge and holder, up to 12 steps):
 * who keeps a group alive.
 */
import { readFileSync } from 'node:fs'

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[], ...unknown[]]
      edge_fields: string[]
      edge_types: [string[], ...unknown[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const file = process.argv[2]
if (!file || file.startsWith('--')) throw new Error('usage: heap-summary.ts FILE [--top N]')
const top = Number(option('top') ?? 40)
const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
const { meta } = data.snapshot
const nodeWidth = meta.node_fields.length
const edgeWidth = meta.edge_fields.length
const typeAt = meta.node_fields.indexOf('type')
const nameAt = meta.node_fields.indexOf('name')
const sizeAt = meta.node_fields.indexOf('self_size')
const edgeCountAt = meta.node_fields.indexOf('edge_count')
const edgeTypeAt = meta.edge_fields.indexOf('type')
const edgeNameAt = meta.edge_fields.indexOf('name_or_index')
const edgeToAt = meta.edge_fields.indexOf('to_node')
const nodeTypes = meta.node_types[0]
const edgeTypes = meta.edge_types[0]
const propertyEdge = edgeTypes.indexOf('property')
const elementEdge = edgeTypes.indexOf('element')
const internalEdge = edgeTypes.indexOf('internal')

type Group = { count: number; bytes: number }
const add = (groups: Map<string, Group>, key: string, bytes: number) => {
  const group = groups.get(key) ?? { count: 0, bytes: 0 }
  group.count += 1
  group.bytes += bytes
  groups.set(key, group)
}
const weakEdge = edgeTypes.indexOf('weak')
const byType = new Map<string, Group>()
const byObject = new Map<string, Group>()
const byString = new Map<string, Group>()
const arraysByHolder = new Map<string, Group>()
let total = 0
const nodeCount = data.nodes.length / nodeWidth
/** For each node (by index), the signature of the node that holds it (its first holder seen). */
const holderOf = new Map<number, string>()
/** For each node, its first holder seen and the edge's name (for --retainers). */
const heldBy = new Int32Array(nodeCount).fill(-1)
const heldAs: string[] = new Array(nodeCount)
const edgeName = (at: number): string => {
  const kind = data.edges[at + edgeTypeAt]
  const value = data.edges[at + edgeNameAt] as number
  return kind === elementEdge || kind === edgeTypes.indexOf('hidden')
    ? `[${value}]`
    : (data.strings[value] ?? `#${value}`)
}

let edgeIndex = 0
const signatures: string[] = new Array(nodeCount)
for (let node = 0; node < nodeCount; node += 1) {
  const base = node * nodeWidth
  const type = nodeTypes[data.nodes[base + typeAt] as number] as string
  const name = data.strings[data.nodes[base + nameAt] as number] as string
  const edges = data.nodes[base + edgeCountAt] as number
  let signature = type === 'object' ? name : `(${type}) ${name.slice(0, 40)}`
  if (type === 'object' && name === 'Object') {
    const properties: string[] = []
    for (let e = 0; e < edges && properties.length < 6; e += 1) {
      const at = (edgeIndex + e) * edgeWidth
      if (data.edges[at + edgeTypeAt] === propertyEdge) {
        properties.push(data.strings[data.edges[at + edgeNameAt] as number] as string)
      }
    }
    signature = `Object{${properties.join(',')}${properties.length === 6 ? ',…' : ''}}`
  }
  signatures[node] = signature
  for (let e = 0; e < edges; e += 1) {
    const at = (edgeIndex + e) * edgeWidth
    const kind = data.edges[at + edgeTypeAt]
    if (kind === weakEdge) continue
    if (kind !== propertyEdge && kind !== elementEdge && kind !== internalEdge) {
      const to = (data.edges[at + edgeToAt] as number) / nodeWidth
      if (heldBy[to] === -1 && to !== node) {
        heldBy[to] = node
        heldAs[to] = edgeName(at)
      }
      continue
    }
    const to = (data.edges[at + edgeToAt] as number) / nodeWidth
    if (!holderOf.has(to)) holderOf.set(to, signature)
    if (heldBy[to] === -1 && to !== node) {
      heldBy[to] = node
      heldAs[to] = edgeName(at)
    }
  }
  edgeIndex += edges
}
for (let node = 0; node < nodeCount; node += 1) {
  const base = node * nodeWidth
  const type = nodeTypes[data.nodes[base + typeAt] as number] as string
  const bytes = data.nodes[base + sizeAt] as number
  total += bytes
  add(byType, type, bytes)
  if (type === 'object' || type === 'closure') add(byObject, signatures[node] as string, bytes)
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
    const length = (data.strings[data.nodes[base + nameAt] as number] as string).length
    const band =
      length < 32 ? '< 32' : length < 256 ? '32–255' : length < 4096 ? '256–4095' : '≥ 4096'
    add(byString, `${type}, ${band} chars`, bytes)
  }
  if (type === 'array' || (type === 'object' && signatures[node] === 'Array')) {
    add(arraysByHolder, `${signatures[node]} in ${holderOf.get(node) ?? '?'}`, bytes)
  }
}

const mb = (bytes: number) => (bytes / 1_000_000).toFixed(2)
function table(title: string, groups: Map<string, Group>): void {
  process.stdout.write(`\n## ${title}\n\n| group | count | MB |\n|---|---:|---:|\n`)
  for (const [key, group] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    process.stdout.write(
      `| ${key.replaceAll('|', '\\|')} | ${group.count} | ${mb(group.bytes)} |\n`,
    )
  }
}
process.stdout.write(`# ${file}\n\n${nodeCount} nodes, ${mb(total)} MB self size in all\n`)
table('By node type', byType)
table('Objects and closures by constructor (plain objects by their first properties)', byObject)
table('Strings by length', byString)
table('Arrays by what holds them', arraysByHolder)

const retainersOf = option('retainers')
if (retainersOf !== undefined) {
  process.stdout.write(`\n## What holds objects named "${retainersOf}…"\n`)
  const samples = new Map<string, number[]>()
  for (let node = 0; node < nodeCount; node += 1) {
    const signature = signatures[node] as string
    if (!signature.startsWith(retainersOf)) continue
    const list = samples.get(signature) ?? []
    // Spread the samples: the 1st, 1,000th and 10,000th of the group.
    if ([0, 999, 9_999].includes((samples.get(`#${signature}`)?.[0] ?? 0) as number))
      list.push(node)
    samples.set(signature, list)
    const seen = samples.get(`#${signature}`) ?? [0]
    samples.set(`#${signature}`, [(seen[0] as number) + 1])
  }
  for (const [signature, nodes] of samples) {
    if (signature.startsWith('#')) continue
    process.stdout.write(`\n### ${signature}\n`)
    for (const start of nodes) {
      const chain: string[] = []
      let node = start
      for (let step = 0; step < 12 && heldBy[node] !== -1; step += 1) {
        chain.push(
          `.${heldAs[node]} of ${(signatures[heldBy[node] as number] as string).slice(0, 90)}`,
        )
        node = heldBy[node] as number
      }
      process.stdout.write(`\n- ${chain.join('\n  ← ')}\n`)
    }
  }
}
