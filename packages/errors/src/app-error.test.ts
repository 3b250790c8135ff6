import { describe, expect, it } from 'vitest';

import { AppError, ERROR_CODES, findAppError } from './app-error';

describe('AppError', () => {
  it('maps every code to an HTTP status and a tRPC code', () => {
    for (const [code, mapping] of Object.entries(ERROR_CODES)) {
      const error = new AppError(code as keyof typeof ERROR_CODES, 'x');
      expect(error.httpStatus).toBe(mapping.http);
      expect(error.trpcCode).toBe(mapping.trpc);
    }
    expect(new AppError('VALIDATION', 'x').httpStatus).toBe(422);
    expect(new AppError('SERVICE_UNAVAILABLE', 'x').httpStatus).toBe(503);
  });

  it('is found through a cause chain', () => {
    const inner = new AppError('NOT_FOUND', "No user 'x'");
    const outer = new Error('wrapped', { cause: new Error('again', { cause: inner }) });
    expect(findAppError(outer)).toBe(inner);
    expect(findAppError(new Error('plain'))).toBeUndefined();
  });
});
