import type mongoose from 'mongoose'
import { callModel } from './call'

export function createModels(connection: mongoose.Connection) {
  return {
    Call: callModel(connection),
  }
}

export type Models = ReturnType<typeof createModels>
