import type { Principal } from '@tessera/auth';

import type { Context } from '../context';

/** The context inside protected procedures: the principal is known. */
export type AuthedContext = Context & { principal: Principal };
