/**
 * Whether an error means the database cannot be used right now (full disk, I/O error, read-only
 * file, server gone) rather than that one request was wrong (a constraint, a bad value). The first
 * kind is answered "try again later"; the second is the caller's business.
 */
const SQLITE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PROTOCOL|NOMEM)/
/** PostgreSQL classes 08 (connection), 53 (resources: disk full), 57P (shutdown), 58 (system). */
const POSTGRES_CODES = /^(08...|53...|57P0[1-3]|58...)$/
const NODE_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENOSPC|EROFS|EACCES)$/
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist', 'DatabaseAccessDenied'])
const MESSAGES = /database or disk is full|disk I\/O error|readonly database|unable to open database|file is not a database|database disk image is malformed|Connection terminated|connection error|ECONNREFUSED|the database system is (shutting down|starting up)|terminating connection/i

export function isStorageFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false
  const e = error as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } }
  // A gRPC status (the puppet service unreachable: "14 UNAVAILABLE … ECONNREFUSED") is no database failure.
  if (typeof e.code === 'number' && 'details' in e && 'metadata' in e) return false
  for (const code of [e.code, e.originalCode]) {
    if (typeof code === 'string' && (SQLITE_CODES.test(code) || POSTGRES_CODES.test(code) || NODE_CODES.test(code))) return true
  }
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true
  return isStorageFailure(e.cause, depth + 1) || isStorageFailure(e.meta?.driverAdapterError, depth + 1)
}
