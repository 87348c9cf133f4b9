import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Signing secrets are stored encrypted (AES-256-GCM) with WEBHOOK_SECRET_KEY,
 * never hashed: the server needs them to sign every delivery. Without the
 * key a fixed development key is used — fine for the embedded database, not
 * for production (the server warns): there, set WEBHOOK_SECRET_KEY.
 */
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(configured: string | undefined) {
    this.key = configured
      ? Buffer.from(configured, /^[0-9a-fA-F]{64}$/.test(configured) ? 'hex' : 'base64')
      : createHash('sha256').update('rapport development webhook key').digest();
  }

  static newSecret(): string {
    return `whsec_${randomBytes(32).toString('hex')}`;
  }

  /** iv (12) ‖ tag (16) ‖ ciphertext. */
  seal(secret: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}
