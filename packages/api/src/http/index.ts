export { jsonError } from './json-error';
export { handleTokenRequest } from './token-endpoint';
