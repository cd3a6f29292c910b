import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Tokens in Lucia's shape: `<id>.<secret>`. The id finds the row; only SHA-256(secret) is stored and
 * compared in constant time, so a leaked table cannot be replayed and a lookup by id leaks no timing.
 */
export interface SecretToken {
  id: string;
  secretHash: Uint8Array;
  token: string;
}

const ID_BYTES = 15; // 120 bits
const SECRET_BYTES = 20; // 160 bits

function randomString(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function generateSecretToken(): SecretToken {
  const id = randomString(ID_BYTES);
  const secret = randomString(SECRET_BYTES);
  return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

const TOKEN_SHAPE = /^([a-z2-7]{24})\.([a-z2-7]{32})$/;

export function parseSecretToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_SHAPE.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === storedHash.length && constantTimeEqual(candidate, storedHash);
}

/** An opaque single-secret link token (invitations): 160 bits, looked up by its hash. */
export function generateLinkToken(): { token: string; hash: Uint8Array } {
  const token = randomString(SECRET_BYTES);
  return { token, hash: hashSecret(token) };
}
