import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Compiling amis's JSON schema for the first validation takes seconds on a busy machine.
    testTimeout: 30_000,
  },
});
