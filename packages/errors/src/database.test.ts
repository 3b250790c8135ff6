import { describe, expect, it } from 'vitest';

import { AppError } from './app-error';
import { isDatabaseUnavailable, translateDatabaseError } from './database';

const pgError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`pg ${code}`), { code, ...extra });

/** The shape Prisma 7 gives a PostgreSQL error through @prisma/adapter-pg. */
const prismaError = (prismaCode: string, sqlState: string, message: string) =>
  Object.assign(new Error('\nInvalid `db.user.findUnique()` invocation in\n/srv/app/x.ts:4:17'), {
    code: prismaCode,
    meta: {
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: { originalCode: sqlState, originalMessage: message, kind: 'postgres' },
      },
    },
  });

describe('translateDatabaseError', () => {
  it('names the field of a unique violation when the caller knows it', () => {
    const error = translateDatabaseError(pgError('23505', { constraint: 'customer_email_key' }), {
      subject: 'customer',
      fieldOf: ({ constraint }) => (constraint?.includes('_email_') ? 'email' : undefined),
    });
    expect(error?.httpStatus).toBe(409);
    expect(error?.message).toBe('Another customer already has this email');
    expect(error?.fieldErrors).toEqual({ email: 'Already in use' });
  });

  it('tells a referenced row on delete from a missing related row on write', () => {
    expect(translateDatabaseError(pgError('23503'), { deleting: true })?.code).toBe('CONFLICT');
    expect(translateDatabaseError(pgError('23001'), { deleting: true })?.code).toBe('CONFLICT');
    expect(translateDatabaseError(pgError('23503'))?.code).toBe('VALIDATION');
  });

  it('answers NUL bytes, division by zero and bad values as the caller’s mistakes', () => {
    expect(translateDatabaseError(pgError('22021'))?.httpStatus).toBe(400);
    expect(translateDatabaseError(pgError('22P05'))?.httpStatus).toBe(400);
    expect(translateDatabaseError(pgError('22012'))?.httpStatus).toBe(422);
    expect(translateDatabaseError(pgError('22003'))?.httpStatus).toBe(422);
  });

  it('reads PostgreSQL’s code inside a Prisma error, without its invocation text', () => {
    const error = translateDatabaseError(
      prismaError('P2039', '22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).not.toContain('invocation');
    expect(error?.message).not.toContain('/srv/app');
  });

  it('keeps the database’s own privilege errors out of the message', () => {
    expect(translateDatabaseError(pgError('42501'))?.message).toBe('You may not do this');
    const own = Object.assign(pgError('42501'), {
      message: 'The order would be outside what you may create',
    });
    expect(translateDatabaseError(own)?.message).toBe(
      'The order would be outside what you may create',
    );
  });

  it('answers 503 with Retry-After when the database cannot take requests', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const pool = new Error('timeout exceeded when trying to connect');
    for (const error of [refused, pool, pgError('57P01'), pgError('08006')]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      const app = translateDatabaseError(error);
      expect(app?.code).toBe('SERVICE_UNAVAILABLE');
      expect(app?.retryAfter).toBe(2);
    }
  });

  it('leaves what it cannot explain alone, and passes AppErrors through', () => {
    expect(translateDatabaseError(new Error('boom'))).toBeNull();
    expect(translateDatabaseError(pgError('XX000'))).toBeNull();
    const app = new AppError('NOT_FOUND', 'x');
    expect(translateDatabaseError(app)).toBe(app);
  });
});
