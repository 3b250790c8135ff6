import { apiTokenRouter } from './routers/api-token';
import { auditRouter } from './routers/audit';
import { codegenRouter } from './routers/codegen';
import { authRouter } from './routers/auth';
import { configRouter } from './routers/config';
import { dataPermissionRouter } from './routers/data-permission';
import { menuRouter } from './routers/menu';
import { monitoringRouter } from './routers/monitoring';
import { modelRouter } from './routers/model';
import { pageRouter } from './routers/page';
import { projectRouter } from './routers/project';
import { roleRouter } from './routers/role';
import { schemaRouter } from './routers/schema';
import { userRouter } from './routers/user';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  user: userRouter,
  role: roleRouter,
  dataPermission: dataPermissionRouter,
  menu: menuRouter,
  config: configRouter,
  apiToken: apiTokenRouter,
  audit: auditRouter,
  project: projectRouter,
  model: modelRouter,
  page: pageRouter,
  codegen: codegenRouter,
  schema: schemaRouter,
  monitoring: monitoringRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
