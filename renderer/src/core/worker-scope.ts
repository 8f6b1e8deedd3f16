/**
 * A Web Worker's global scope, typed by the messages it takes and sends. The renderer compiles as
 * one project with the DOM library, whose `self` is a Window: each worker asks for its scope here
 * instead of declaring the same narrow interface again.
 */
export interface WorkerScope<Incoming, Outgoing> {
  postMessage(message: Outgoing, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<Incoming>) => void): void
}

export function workerScope<Incoming, Outgoing = never>(): WorkerScope<Incoming, Outgoing> {
  return self as unknown as WorkerScope<Incoming, Outgoing>
}
