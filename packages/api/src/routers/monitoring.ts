import { readFleet } from '../services/monitoring';
import { createTRPCRouter, permissionProcedure } from '../trpc';

export const monitoringRouter = createTRPCRouter({
  /** Every runtime's health, their traffic added up, and their slow requests. */
  fleet: permissionProcedure('monitor:read').query(({ ctx }) => readFleet(ctx)),
});
