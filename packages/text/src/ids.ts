const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-';
const LENGTH = 12;

/**
 * A permanent id for a box, paragraph, sub-paragraph, bracket or footnote: 12 url-safe characters
 * (72 random bits). The alphabet has 64 letters, so masking a random byte gives no modulo bias.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
