import type { ServerResponse } from 'node:http';

import { AppError } from '@tessera/errors';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';

import { sendError } from './errors';

/** Just enough of a response to see what was sent. */
function response() {
  const sent = { status: 0, headers: {} as Record<string, unknown>, body: '', destroyed: false };
  const res = {
    headersSent: false,
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body: string) {
      sent.body = body;
    },
    destroy() {
      sent.destroyed = true;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

function logger() {
  const log = pino({ level: 'silent' });
  return { log, error: vi.spyOn(log, 'error'), warn: vi.spyOn(log, 'warn') };
}

describe('sendError', () => {
  it('answers an unexpected error with a generic 500 naming the request, and logs it whole', () => {
    const { res, sent } = response();
    const { log, error } = logger();
    const boom = new Error('relation "secret"."table" does not exist at /srv/app/x.ts:4');
    sendError(res, boom, { requestId: 'req-12345678', logger: log });
    expect(sent.status).toBe(500);
    expect(sent.body).not.toContain('secret');
    expect(sent.body).not.toContain('/srv/app');
    expect(JSON.parse(sent.body)).toEqual({
      status: 500,
      msg: 'Internal error; quote request id req-12345678',
      requestId: 'req-12345678',
    });
    expect(error).toHaveBeenCalledWith({ requestId: 'req-12345678', err: boom }, 'Unhandled');
  });

  it('answers an AppError with the status of its code, its field errors and details', () => {
    const { res, sent } = response();
    const { log, error } = logger();
    const refused = new AppError('CONFLICT', 'Changed meanwhile', {
      fieldErrors: { name: 'Already in use' },
      details: { currentVersion: 3 },
    });
    sendError(res, refused, { requestId: 'req-12345678', logger: log });
    expect(sent.status).toBe(409);
    expect(JSON.parse(sent.body)).toEqual({
      status: 409,
      msg: 'Changed meanwhile',
      errors: { name: 'Already in use' },
      currentVersion: 3,
    });
    expect(error).not.toHaveBeenCalled();
  });

  it('translates driver errors through the one table, with Retry-After when unavailable', () => {
    const { res, sent } = response();
    const { log, warn } = logger();
    sendError(res, Object.assign(new Error('gone'), { code: '57P01' }), {
      requestId: 'req-12345678',
      logger: log,
    });
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('2');
    expect(warn).toHaveBeenCalled();
    const nul = response();
    sendError(nul.res, Object.assign(new Error('invalid byte'), { code: '22021' }), {
      requestId: 'req-12345678',
      logger: log,
    });
    expect(nul.sent.status).toBe(400);
  });

  it('cuts a response already under way short', () => {
    const { res, sent } = response();
    (res as { headersSent: boolean }).headersSent = true;
    sendError(res, new Error('mid-stream'), { requestId: 'req-12345678', logger: logger().log });
    expect(sent.destroyed).toBe(true);
    expect(sent.status).toBe(0);
  });
});
