/**
 * Whether an error means "the database cannot answer now" (down, unreachable, corrupt, locked)
 * rather than "this request was wrong". The server answers the first with 503, never 500.
 */
const PG_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
]);
const SQLITE_UNAVAILABLE = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|BUSY|LOCKED|FULL|READONLY)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
    // PostgreSQL SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown).
    if (/^08|^57P/.test(code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/.test(
    err.message,
  );
}
