import { appRouter, createContextFromRequest } from '@tessera/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { logger } from '~/server/logger';
import { getServices } from '~/server/services';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createContextFromRequest({ services: getServices(), req, resHeaders }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error(
          { requestId: req.headers.get('x-request-id'), path, err: error.cause ?? error },
          'tRPC procedure failed',
        );
      }
    },
  });
}

export { handler as GET, handler as POST };
