// A token's secret text, after GitHub's token format
// (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/):
// a recognisable prefix so that secret scanners find leaked tokens, 32 random bytes in base62 (no `-` or
// `_`, so a double click selects the whole token), and a CRC32 checksum so that a typo or a truncated copy
// is told apart from a revoked token without asking the database. Only the SHA-256 digest is stored.
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const TOKEN_PREFIX = 'isp_';
export const TOKEN_RANDOM_BYTES = 32;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^43 > 2^256: 43 digits hold any 32 bytes. */
const RANDOM_DIGITS = 43;
/** 62^6 > 2^32: 6 digits hold any CRC32. */
const CHECKSUM_DIGITS = 6;
const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_DIGITS + CHECKSUM_DIGITS}}$`);

/** `value` in base62, left-padded with zeros to `digits`. */
function base62(value: bigint, digits: number): string {
  let out = '';
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(digits, '0');
}

function checksumOf(body: string): string {
  return base62(BigInt(crc32(body)), CHECKSUM_DIGITS);
}

/** A new secret: `isp_` + 43 base62 digits of 32 random bytes + a 6-digit CRC32 of what precedes it. */
export function newTokenSecret(random: (size: number) => Buffer = randomBytes): string {
  const body =
    TOKEN_PREFIX + base62(BigInt(`0x${random(TOKEN_RANDOM_BYTES).toString('hex')}`), RANDOM_DIGITS);
  return body + checksumOf(body);
}

/**
 * Text that can be a bearer token at all, this service's or the bootstrap one (ISOPLAN_API_TOKEN):
 * printable ASCII without spaces, as it goes in `Authorization: Bearer <token>`.
 */
export const BEARER_TEXT = /^[\x21-\x7E]+$/;

/** Whether `text` has the shape of a token and its checksum matches (it may still be unknown or revoked). */
export function isWellFormedToken(text: string): boolean {
  if (!TOKEN_SHAPE.test(text)) return false;
  const body = text.slice(0, -CHECKSUM_DIGITS);
  return checksumOf(body) === text.slice(-CHECKSUM_DIGITS);
}

/** The SHA-256 digest of a token's text, as stored (hex). */
export function tokenDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a token list shows of the secret: its last four characters. */
export function lastFourOf(text: string): string {
  return text.slice(-4);
}
