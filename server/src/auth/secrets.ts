import { createHash, randomBytes, randomInt } from 'node:crypto'

/** An opaque bearer token: 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url')

/** Tokens and codes are stored only as their SHA-256, so a leaked database grants no session. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

// No 0/O, 1/I: the code is read aloud or typed from a phone screen.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A one-time code of 10 characters (≈50 bits), matching OneTimeCodeSchema. */
export function newOneTimeCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}
