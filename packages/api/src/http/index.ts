export { jsonError } from './json-error';
export { handleSyncBatch, handleSyncChanges, handleSyncEntity } from './sync';
export { handleTokenRequest } from './token-endpoint';
