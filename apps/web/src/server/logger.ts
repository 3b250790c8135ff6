/** JSON logs (pino). Every line about a request carries its requestId. */
import pino from 'pino';

import { env } from '~/env';

const globalForLogger = globalThis as unknown as { tesseraLogger?: pino.Logger };

export const logger: pino.Logger =
  globalForLogger.tesseraLogger ??
  (globalForLogger.tesseraLogger = pino({
    level: env.LOG_LEVEL ?? 'info',
    base: { service: 'web' },
  }));
