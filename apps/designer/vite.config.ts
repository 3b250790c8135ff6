/**
 * The designer's dev server and build. The console serves the built app under /designer/ (same
 * origin: its session cookie and its API); in development this server does, and forwards
 * everything else (the API, the sign-in page) to the console, so the app runs on one origin
 * either way. It listens on 127.0.0.1 unless DESIGNER_HOST says otherwise, and serves only this
 * app's files and the packages it runs (never the rest of the repository: `.data/` holds the
 * embedded PostgreSQL of `pnpm dev`).
 */
import path from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { env } from './env';

const appDir = import.meta.dirname;
const repoDir = path.resolve(appDir, '../..');
const consoleUrl = `http://127.0.0.1:${env.WEB_PORT}`;

export default defineConfig({
  base: '/designer/',
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
    // The console's API and pages (sign-in) on this origin, as the console serves the build.
    proxy: { '^/(?!designer/|designer$|@|node_modules/|src/).*': { target: consoleUrl, ws: true } },
  },
  preview: { port: env.DESIGNER_PORT, host: env.DESIGNER_HOST, strictPort: true },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 2500 },
});
