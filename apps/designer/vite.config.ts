/**
 * The designer's dev server and build. The dev server listens on 127.0.0.1 unless
 * DESIGNER_HOST says otherwise, and serves only this app's files and the packages it runs
 * (never the rest of the repository: `.data/` holds the embedded PostgreSQL of `pnpm dev`).
 */
import path from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { env } from './env';

const appDir = import.meta.dirname;
const repoDir = path.resolve(appDir, '../..');

export default defineConfig({
  plugins: [react()],
  server: {
    port: env.DESIGNER_PORT,
    host: env.DESIGNER_HOST,
    strictPort: true,
    fs: {
      strict: true,
      // The app, the workspace packages it imports as source, and installed dependencies.
      allow: [appDir, path.join(repoDir, 'packages'), path.join(repoDir, 'node_modules')],
      deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.git/**', '**/.data/**'],
    },
  },
  preview: { port: env.DESIGNER_PORT, host: env.DESIGNER_HOST, strictPort: true },
  define: { __CONSOLE_URL__: JSON.stringify(`http://localhost:${env.WEB_PORT}`) },
});
