/**
 * A document or history entry without the server's receipt (shared/sync/receipt.ts): what was
 * written, for comparing with what a test wrote. Whether the receipt is there and valid is
 * tested on its own (tests/server/backup-restore.test.ts).
 */
export function withoutReceipt<T extends object>(value: T): T {
  const { receipt: _receipt, ...rest } = value as T & { receipt?: unknown }
  return rest as T
}
