import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts, whose environment checks belong to the dev server.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
});
