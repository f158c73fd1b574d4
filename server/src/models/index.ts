import type mongoose from 'mongoose'
import { auditModel } from './audit'
import { callModel } from './call'
import { counterModel } from './counter'
import { leaseModel } from './lease'
import { messageModel } from './message'
import { oneTimeCodeModel } from './oneTimeCode'
import { organizationModel } from './organization'
import { outboxModel } from './outbox'
import { sessionModel } from './session'
import { subscriptionCreditModel } from './subscriptionCredit'
import { userModel } from './user'
import { wechatTokenModel } from './wechatToken'

export function createModels(connection: mongoose.Connection) {
  return {
    Audit: auditModel(connection),
    Call: callModel(connection),
    Counter: counterModel(connection),
    Lease: leaseModel(connection),
    Message: messageModel(connection),
    OneTimeCode: oneTimeCodeModel(connection),
    Organization: organizationModel(connection),
    Outbox: outboxModel(connection),
    Session: sessionModel(connection),
    SubscriptionCredit: subscriptionCreditModel(connection),
    User: userModel(connection),
    WeChatToken: wechatTokenModel(connection),
  }
}

export type Models = ReturnType<typeof createModels>
