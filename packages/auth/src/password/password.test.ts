import { describe, expect, it } from 'vitest';

import { hashPassword, passwordSchema, verifyPassword } from './password';

describe('password', () => {
  it('hashes with argon2id at the required cost and verifies', async () => {
    const hashed = await hashPassword('correct horse');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hashed, 'correct horse')).toBe(true);
    expect(await verifyPassword(hashed, 'wrong horse')).toBe(false);
  });

  it('enforces 8 to 256 characters before hashing', async () => {
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(256)).success).toBe(true);
    await expect(hashPassword('x'.repeat(257))).rejects.toThrow();
  });
});
