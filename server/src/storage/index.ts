import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Where uploaded files' bytes live. Callers only ever use this interface, so a cloud object store
 * (COS, OSS, S3) is one more implementation, chosen in server.ts, without touching any route.
 */
export interface FileStorage {
  put(key: string, body: Buffer): Promise<void>
  /** Rejects with a StorageMissError when the key holds nothing. */
  get(key: string): Promise<Buffer>
  /** Removing a missing key is not an error. */
  delete(key: string): Promise<void>
}

export class StorageMissError extends Error {}

const KEY = /^[a-z0-9][a-z0-9/_-]*$/

/** A local folder (the default; `FILES_DIR`). Writes go to a temporary name first, so a crash leaves no half file. */
export function localFolderStorage(root: string): FileStorage {
  const resolve = (key: string) => {
    // Keys are made by the server, never from a client's file name; refuse anything else outright.
    if (!KEY.test(key) || key.includes('..')) throw new Error(`bad storage key: ${key}`)
    return path.join(root, key)
  }
  return {
    async put(key, body) {
      const file = resolve(key)
      await mkdir(path.dirname(file), { recursive: true })
      const temporary = `${file}.${randomBytes(6).toString('hex')}.part`
      await writeFile(temporary, body)
      await rename(temporary, file)
    },
    async get(key) {
      try {
        return await readFile(resolve(key))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageMissError(key)
        throw err
      }
    },
    async delete(key) {
      await rm(resolve(key), { force: true })
    },
  }
}
