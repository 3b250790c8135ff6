export { checkHealth, healthHttpStatus, type HealthReport, type ServiceStatus } from './health';
export { jsonError } from './json-error';
export { handleTokenRequest } from './token-endpoint';
