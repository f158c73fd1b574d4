import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export const hashPassword = (password: string) => hash(password)

// Verifying against this when the account does not exist keeps the response time of an unknown
// login equal to a wrong password (no account enumeration by timing).
let dummy: Promise<string> | undefined

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hash('not-a-real-password-0')
    await verify(await dummy, password)
    return false
  }
  return verify(passwordHash, password)
}
