/**
 * The amis SDK's files (a self-contained build with its own React 18, so it lives beside the
 * console's React 19), served by the console itself: nothing is fetched from elsewhere. The
 * console copies them into its public files when installed (`copySdk`); `sdkFile` serves them
 * from the package where a server needs to.
 */
import { readFileSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// amis exports its schema but not its package.json: find the package through the former.
const amisDir = path.dirname(createRequire(import.meta.url).resolve('amis/schema.json'));
const sdkDir = path.join(amisDir, 'sdk');

export const AMIS_VERSION = (
  JSON.parse(readFileSync(path.join(amisDir, 'package.json'), 'utf8')) as { version: string }
).version;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.png': 'image/png',
  '.gif': 'image/gif',
};

/** A file of the SDK by its path below `sdk/`, or null for anything else (no way out). */
export async function sdkFile(
  segments: readonly string[],
): Promise<{ body: Buffer; contentType: string } | null> {
  if (
    segments.some(
      (s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'),
    )
  )
    return null;
  const file = path.join(sdkDir, ...segments);
  if (!file.startsWith(sdkDir + path.sep)) return null;
  const contentType = TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return null;
  try {
    return { body: await readFile(file), contentType };
  } catch {
    return null;
  }
}

/** Copies the SDK into `target` (the console's public files), replacing what was there. */
export async function copySdk(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await cp(sdkDir, target, { recursive: true });
}
