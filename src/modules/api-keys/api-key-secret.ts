import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'rk_';

/** A new secret: `rk_` + 32 base64url characters (192 random bits). */
export function newApiKeySecret(): string {
  return PREFIX + randomBytes(24).toString('base64url');
}

export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** The part of a secret that is safe to show to tell keys apart. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}
