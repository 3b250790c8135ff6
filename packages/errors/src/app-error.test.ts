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

  it('is known as an AppError when thrown by another copy of this module', async () => {
    // A query makes the loader evaluate the module again, as a second bundle would.
    const copyPath: string = './app-error.ts?copy';
    const copy = (await import(copyPath)) as { AppError: typeof AppError };
    expect(copy.AppError).not.toBe(AppError);
    const error = new copy.AppError('VALIDATION', 'from the other copy');
    expect(error instanceof AppError).toBe(true);
    expect(findAppError(new Error('wrapped', { cause: error }))?.httpStatus).toBe(422);
    expect(new Error('plain') instanceof AppError).toBe(false);
    expect(Object.assign(new Error('lookalike'), { code: 'VALIDATION' }) instanceof AppError).toBe(
      false,
    );
  });

  it('is found through a cause chain', () => {
    const inner = new AppError('NOT_FOUND', "No user 'x'");
    const outer = new Error('wrapped', { cause: new Error('again', { cause: inner }) });
    expect(findAppError(outer)).toBe(inner);
    expect(findAppError(new Error('plain'))).toBeUndefined();
  });
});
