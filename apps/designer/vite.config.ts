import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { env } from './env';

export default defineConfig({
  plugins: [react()],
  server: { port: env.DESIGNER_PORT, host: env.DESIGNER_HOST, strictPort: true },
  preview: { port: env.DESIGNER_PORT, host: env.DESIGNER_HOST, strictPort: true },
  define: { __CONSOLE_URL__: JSON.stringify(`http://localhost:${env.WEB_PORT}`) },
});
