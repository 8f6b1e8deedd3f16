/**
 * The stretches in which a thread never went idle, from a V8 CPU profile (CDP `Profiler.stop`):
 * what held the window, told apart by function, the garbage collector included. Chromium's
 * long-task entries do not cover a collection that runs between tasks; the import benchmark's
 * timer probe saw such holds of 150–300 ms that the long-task observer reported as 80 ms or none
 * (docs/performance.md).
 */

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  /** Absent in a profile without samples (CDP's type has them optional). */
  samples?: number[]
  timeDeltas?: number[]
}

export interface BusyStretch {
  /** Seconds after the profile started. */
  atS: number
  ms: number
  /** Self time by function, most first. */
  top: { fn: string; ms: number }[]
}

const IDLE = new Set(['(idle)', '(program)'])

/** Busy stretches of at least `minMs`, longest first. */
export function busyStretches(profile: CpuProfile, minMs: number, topN = 3): BusyStretch[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const label = (id: number) => {
    const frame = nodes.get(id)?.callFrame
    if (!frame) return '?'
    const file = frame.url.split('/').pop()
    return file
      ? `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber})`
      : frame.functionName
  }
  const stretches: BusyStretch[] = []
  let time = profile.startTime
  let start: number | null = null
  let self = new Map<string, number>()
  const close = (end: number) => {
    if (start !== null && (end - start) / 1000 >= minMs) {
      stretches.push({
        atS: (start - profile.startTime) / 1e6,
        ms: (end - start) / 1000,
        top: [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, topN)
          .map(([fn, us]) => ({ fn, ms: us / 1000 })),
      })
    }
    start = null
    self = new Map()
  }
  const deltas = profile.timeDeltas ?? []
  ;(profile.samples ?? []).forEach((id, index) => {
    time += deltas[index] ?? 0
    if (IDLE.has(nodes.get(id)?.callFrame.functionName ?? '')) {
      close(time)
      return
    }
    start ??= time
    // A sample stands for the time until the next one.
    const name = label(id)
    self.set(name, (self.get(name) ?? 0) + (deltas[index + 1] ?? 0))
  })
  close(time)
  return stretches.sort((a, b) => b.ms - a.ms)
}
