/** The runtimes as their latest reports describe them, for the console's monitoring panel. */
import { type Fleet, fleetOf } from '@tessera/runtime-core/monitoring';

import type { AuthedContext } from './types';

export async function readFleet(ctx: Pick<AuthedContext, 'db'>): Promise<Fleet> {
  const rows = await ctx.db.runtimeInstance.findMany({
    select: { id: true, host: true, startedAt: true, seenAt: true, report: true },
  });
  // Judged by the database's clock, which stamped the reports.
  const [clock] = await ctx.db.$queryRaw<{ now: Date }[]>`SELECT CURRENT_TIMESTAMP AS now`;
  return fleetOf(rows, clock!.now);
}
