import type mongoose from 'mongoose'
import { auditModel } from './audit'
import { callModel } from './call'
import { counterModel } from './counter'
import { oneTimeCodeModel } from './oneTimeCode'
import { organizationModel } from './organization'
import { sessionModel } from './session'
import { userModel } from './user'

export function createModels(connection: mongoose.Connection) {
  return {
    Audit: auditModel(connection),
    Call: callModel(connection),
    Counter: counterModel(connection),
    OneTimeCode: oneTimeCodeModel(connection),
    Organization: organizationModel(connection),
    Session: sessionModel(connection),
    User: userModel(connection),
  }
}

export type Models = ReturnType<typeof createModels>
