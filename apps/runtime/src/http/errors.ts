/**
 * The one place the runtime's HTTP answers a failure: an AppError (or a driver error the one
 * translation in `@tessera/errors` explains) as amis's envelope with the status of its code; an
 * unexpected error as a generic 500 carrying the request id, logged whole and never echoed.
 */
import type { ServerResponse } from 'node:http';

import { translateDatabaseError } from '@tessera/errors';
import { refusal } from '@tessera/runtime-core';
import type { Logger } from 'pino';

import { send, sendResult } from './io';

export function sendError(
  res: ServerResponse,
  error: unknown,
  context: { requestId: string; logger: Logger },
) {
  const known = translateDatabaseError(error);
  if (known?.code === 'SERVICE_UNAVAILABLE')
    context.logger.warn(
      {
        requestId: context.requestId,
        message: known.cause instanceof Error ? known.cause.message : known.message,
      },
      'Database unavailable',
    );
  else if (!known) context.logger.error({ requestId: context.requestId, err: error }, 'Unhandled');
  // A stream already under way can only be cut short.
  if (res.headersSent) return void res.destroy();
  if (known) return sendResult(res, refusal(known));
  send(res, 500, {
    status: 500,
    msg: `Internal error; quote request id ${context.requestId}`,
    requestId: context.requestId,
  });
}
