export { createTestDatabase, type TestDatabase } from './test-database';
export { adminQuery, dropDatabase, startTestServer, withDatabase } from './server';
export { createUserWithGrants, type TestGrant } from './callers';
