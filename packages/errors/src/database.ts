/**
 * The one translation of database driver errors into AppErrors, for node-postgres errors and
 * for Prisma's (which carry PostgreSQL's code inside). A value the database cannot take (a NUL
 * byte, a number out of range, a division by zero in a computed field) is the caller's
 * mistake; a connection that is gone or a full pool means "retry shortly". Anything else is no
 * AppError: the adapter answers a generic 500 and logs the error whole.
 */
import { AppError, type AppErrorCode } from './app-error';

/** What the failing statement was doing, to name the field and choose the answer. */
export interface DatabaseErrorHints {
  /** The thing written, for messages: "Another customer already has this email". */
  subject?: string;
  /** The field a constraint or column belongs to, when the caller knows it. */
  fieldOf?: (where: { constraint?: string; column?: string }) => string | undefined;
  /** Deleting: a row still referenced is a conflict, not a missing related row. */
  deleting?: boolean;
}

interface DriverFacts {
  sqlState?: string;
  /** A Node.js system error code (ECONNREFUSED …). */
  system?: string;
  constraint?: string;
  column?: string;
  message: string;
  prismaCode?: string;
}

const SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

const DENIED = /^The [a-z][a-z0-9_]{0,62} would be outside what you may [a-z]+$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The facts of a pg error, or of the PostgreSQL error inside a Prisma one. */
function facts(error: unknown): DriverFacts | null {
  if (!isObject(error)) return null;
  const message = text(error.message) ?? '';
  const code = text(error.code);
  if (code && /^P\d{4}$/.test(code)) {
    const meta = isObject(error.meta) ? error.meta : {};
    const adapter = isObject(meta.driverAdapterError) ? meta.driverAdapterError : {};
    const cause = isObject(adapter.cause) ? adapter.cause : {};
    return {
      prismaCode: code,
      sqlState: text(cause.originalCode) ?? text(cause.code),
      constraint: isObject(cause.constraint) ? undefined : text(cause.constraint),
      message: text(cause.originalMessage) ?? message,
    };
  }
  if (code && /^[0-9A-Z]{5}$/.test(code))
    return {
      sqlState: code,
      constraint: text(error.constraint),
      column: text(error.column),
      message,
    };
  if (code && SYSTEM_CODES.has(code)) return { system: code, message };
  if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return { system: 'POOL', message };
  return null;
}

/** Whether the error means the database cannot take requests now (down, restarting, full). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const f = facts(error);
  if (!f) return false;
  if (f.system) return true;
  const s = f.sqlState ?? '';
  return ['57P01', '57P02', '57P03', '53300'].includes(s) || s.startsWith('08');
}

const make = (
  code: AppErrorCode,
  message: string,
  cause: unknown,
  field?: string,
  fieldMessage?: string,
) =>
  new AppError(code, message, {
    cause,
    ...(field && fieldMessage ? { fieldErrors: { [field]: fieldMessage } } : {}),
    ...(code === 'SERVICE_UNAVAILABLE' ? { retryAfter: 2 } : {}),
  });

/** What a driver error means, for domain code that words the refusal itself. */
export type DatabaseErrorKind =
  | 'unavailable'
  | 'unique'
  | 'reference'
  | 'not-null'
  | 'check'
  | 'bad-value'
  | 'nul'
  | 'division-by-zero'
  | 'bad-pattern'
  | 'too-complex'
  | 'timeout'
  | 'retry'
  | 'lock-timeout'
  | 'denied'
  | 'missing-object'
  | 'missing-row';

const KINDS: Record<string, DatabaseErrorKind> = {
  '23505': 'unique',
  // PostgreSQL 18 reports a RESTRICT reference as restrict_violation, earlier ones as a
  // foreign key violation.
  '23001': 'reference',
  '23503': 'reference',
  '23502': 'not-null',
  '23514': 'check',
  '22001': 'bad-value',
  '22003': 'bad-value',
  '22007': 'bad-value',
  '22008': 'bad-value',
  '22P02': 'bad-value',
  '22021': 'nul',
  '22P05': 'nul',
  '22012': 'division-by-zero',
  '2201B': 'bad-pattern',
  '54001': 'too-complex',
  '57014': 'timeout',
  '40001': 'retry',
  '40P01': 'retry',
  '55P03': 'lock-timeout',
  '42501': 'denied',
  '42P01': 'missing-object',
  '42703': 'missing-object',
};
const PRISMA_KINDS: Record<string, DatabaseErrorKind> = { P2002: 'unique', P2025: 'missing-row' };

export function databaseErrorKind(error: unknown): DatabaseErrorKind | null {
  const f = facts(error);
  if (!f) return null;
  if (isDatabaseUnavailable(error)) return 'unavailable';
  return (f.prismaCode && PRISMA_KINDS[f.prismaCode]) || (f.sqlState && KINDS[f.sqlState]) || null;
}

/** The AppError a driver error stands for, or null when it is not one we can explain. */
export function translateDatabaseError(
  error: unknown,
  hints: DatabaseErrorHints = {},
): AppError | null {
  if (error instanceof AppError) return error;
  const kind = databaseErrorKind(error);
  if (!kind) return null;
  const f = facts(error)!;
  const field = hints.fieldOf?.({ constraint: f.constraint, column: f.column });
  const subject = hints.subject ?? 'row';
  switch (kind) {
    case 'unavailable':
      return make('SERVICE_UNAVAILABLE', 'The database is unavailable; retry shortly', error);
    case 'unique':
      return make(
        'CONFLICT',
        `Another ${subject} already has this ${field ?? 'value'}`,
        error,
        field,
        'Already in use',
      );
    case 'reference':
      return hints.deleting
        ? make('CONFLICT', `This ${subject} is still referenced by other rows`, error)
        : make('VALIDATION', 'A related row does not exist', error, field, 'No such row');
    case 'not-null':
      return make('VALIDATION', `${field ?? 'A field'} is required`, error, field, 'Required');
    case 'check':
      return make('VALIDATION', 'A value is not allowed', error, field, 'Not allowed');
    case 'bad-value':
      return make('VALIDATION', 'A value does not fit its field', error, field, 'Does not fit');
    case 'nul':
      return make('BAD_REQUEST', 'Text may not contain NUL characters', error);
    case 'division-by-zero':
      return make(
        'VALIDATION',
        'A computed value could not be calculated: division by zero',
        error,
      );
    case 'bad-pattern':
      return make('BAD_REQUEST', 'A pattern is not valid', error);
    case 'too-complex':
      return make('BAD_REQUEST', 'The request is too complex', error);
    case 'timeout':
      return make('SERVICE_UNAVAILABLE', 'The request took too long; retry shortly', error);
    case 'retry':
      return make('CONFLICT', 'Another change got in the way; retry', error);
    case 'lock-timeout':
      return make('CONFLICT', 'The data is busy (locked by another change); retry shortly', error);
    case 'denied':
      // The data API's own check (tessera_deny: a row outside the caller's rule) says why;
      // the database's own privilege errors name tables and stay in the log.
      return make('FORBIDDEN', DENIED.test(f.message) ? f.message : 'You may not do this', error);
    case 'missing-row':
      return make('NOT_FOUND', `No such ${subject}`, error);
    case 'missing-object':
      return null;
  }
}
