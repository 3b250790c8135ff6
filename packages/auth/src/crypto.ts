/** Random identifiers and secret hashing for session and API tokens (Lucia's design). */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** 120 bits of entropy in base32 (lower case, no padding). */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sha256(new TextEncoder().encode(secret)));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const computed = hashSecret(secret);
  return computed.length === storedHash.length && constantTimeEqual(computed, storedHash);
}

/** Ids and secrets are base32 (ids of API tokens after their `tk_` prefix). */
const TOKEN_PART = /^[a-z0-9_]{1,64}$/;

/** Splits `<id>.<secret>`; returns null for anything else, which then reaches no query. */
export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!TOKEN_PART.test(id) || !TOKEN_PART.test(secret)) return null;
  return { id, secret };
}
