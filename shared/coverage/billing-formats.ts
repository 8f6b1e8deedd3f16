/**
 * The formats bills (bills.ts) and payments (payments.ts) share, in a leaf module: payments.ts is
 * read by district-config.ts, which identity/nik.ts names, which bills.ts reaches through
 * masking.ts, so payments.ts importing bills.ts would close a cycle.
 */

/** A year-month 'YYYY-MM' between 2000-01 and 2100-12. */
export const YEAR_MONTH = /^(20\d\d|2100)-(0[1-9]|1[0-2])$/

/**
 * An instant as `Date.prototype.toISOString` writes it (UTC, 'Z'; milliseconds optional). A
 * stricter check than `Date.parse`, which takes '1' for the year 2001 and a bare date for
 * midnight UTC. Two instants are compared as times, never as text: '…:00Z' sorts after
 * '…:00.500Z'.
 */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/
