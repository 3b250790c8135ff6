/** Vitest globalSetup: starts the test server and shares its coordinates with test files. */
import type { TestProject } from 'vitest/node';

import { startTestServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    tesseraTestDb: { adminUrl: string; templateDatabase: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('tesseraTestDb', {
    adminUrl: server.adminUrl,
    templateDatabase: server.templateDatabase,
  });
  return () => server.stop();
}
