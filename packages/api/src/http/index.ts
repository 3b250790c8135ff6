export { handleCodegenArchive } from './codegen-archive';
export { bodyLimit, DEFAULT_BODY_LIMIT } from './body-limits';
export { jsonError } from './json-error';
export { handleSyncBatch, handleSyncChanges, handleSyncEntity } from './sync';
export { handleTokenRequest } from './token-endpoint';
