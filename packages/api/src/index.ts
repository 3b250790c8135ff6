export { appRouter, createCaller, type AppRouter } from './root';
export {
  createContextFromRequest,
  createContextInner,
  resolvePrincipal,
  type ApiServices,
  type Context,
  type Logger,
} from './context';
export { ensureFirstAdmin } from './services/bootstrap';
export { login } from './services/auth';
