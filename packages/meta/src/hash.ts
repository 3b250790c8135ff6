/** SHA-256 in hex, the same in a browser as in Node (the designer checks names as you type). */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** The length of `text` in UTF-8, as PostgreSQL counts identifier bytes. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
