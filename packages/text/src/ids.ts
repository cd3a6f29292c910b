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

/**
 * Whether a value is well formed as an id: 1 to 64 url-safe characters. newId() makes 12; the bound
 * leaves room for ids written by older or other tools, and keeps an id from carrying prose or markup.
 */
export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED_ID.test(value);
}

const WELL_FORMED_ID = /^[0-9A-Za-z_-]{1,64}$/;
