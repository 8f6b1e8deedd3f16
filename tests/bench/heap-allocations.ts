/**
 * Where a page allocated, from V8's sampling heap profile (CDP `HeapProfiler.stopSampling`) taken
 * with the objects later collected included: the garbage's sources, by function. The import's
 * holds of the window were its garbage collector (docs/performance.md); this says what made the
 * garbage.
 */

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: SamplingNode[]
}

export interface SamplingHeapProfile {
  head: SamplingNode
}

export interface Allocation {
  fn: string
  mb: number
}

/** The `count` functions that allocated most themselves (sampled bytes), most first. */
export function topAllocations(profile: SamplingHeapProfile, count = 12): Allocation[] {
  const bytes = new Map<string, number>()
  const stack: SamplingNode[] = [profile.head]
  for (let node = stack.pop(); node; node = stack.pop()) {
    const frame = node.callFrame
    const file = frame.url.split('/').pop()
    const fn = file
      ? `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber})`
      : frame.functionName || '(root)'
    if (node.selfSize > 0) bytes.set(fn, (bytes.get(fn) ?? 0) + node.selfSize)
    stack.push(...node.children)
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, size]) => ({ fn, mb: size / 1024 / 1024 }))
}
