/**
 * The amis SDK's files (a self-contained build with its own React 18, so it lives beside the
 * console's React 19), served by the console itself: nothing is fetched from elsewhere. The
 * console copies them into its public files when installed (`copySdk`).
 */
import { readFileSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// amis exports its schema but not its package.json: find the package through the former.
const amisDir = path.dirname(createRequire(import.meta.url).resolve('amis/schema.json'));
const sdkDir = path.join(amisDir, 'sdk');

export const AMIS_VERSION = (
  JSON.parse(readFileSync(path.join(amisDir, 'package.json'), 'utf8')) as { version: string }
).version;

/** Copies the SDK into `target` (the console's public files), replacing what was there. */
export async function copySdk(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await cp(sdkDir, target, { recursive: true });
}
