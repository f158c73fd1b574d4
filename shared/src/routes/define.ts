import { z } from 'zod'
import type { ErrorCode } from '../errors'

/** One route of the API contract: method, path, the zod schemas both sides validate with, and its policy action. */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Koa-style path: /api/calls/:id */
  path: string
  summary: string
  tag: string
  /** The policy action the route performs; the server denies any route without one. */
  action: string
  params?: P
  query?: Q
  body?: B
  /** Schema of the 2xx body (for 204, z.void()). */
  response: R
  status?: 200 | 201 | 204
  /** A file download instead of JSON: the handler returns { filename, body: Buffer, contentType? }. */
  download?: { contentType: string }
  /**
   * A text document (an Atom feed) instead of JSON: the handler returns the text, `response` is
   * z.string(), and a cached read keeps its bytes and this type like any other answer.
   */
  text?: { contentType: string }
  /**
   * A multipart/form-data upload (what wx.uploadFile sends) instead of a JSON body: the file in `field`,
   * read only after the policy allowed the caller, refused with 413 FILE_TOO_LARGE past `maxBytes`.
   */
  upload?: { field: string; maxBytes: number }
  /** Error codes this route can answer besides validation and server errors. */
  errors?: readonly ErrorCode[]
}

/** Keeps the literal type of each entry, so a handler's input is typed by exactly its schemas. */
export function route<const T extends RouteDef>(def: T): T {
  return def
}

/** 204: no body. */
export const NoContent = z.void()
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** A stored attachment; the handler names its real type. */
export const FILE = 'application/octet-stream'
export const ATOM = 'application/atom+xml; charset=utf-8'
