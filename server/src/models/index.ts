import type mongoose from 'mongoose'
import { applicationModel } from './application'
import { articleModels } from './article'
import { attachmentModel } from './attachment'
import { attendanceModels } from './attendance'
import { auditModel } from './audit'
import { callModel } from './call'
import { assignmentModel, committeeModel, conflictModel, fileLinkModel, pledgeModel } from './committee'
import { counterModel } from './counter'
import { defenseSlotModel, deliberationModel, siteVisitModel } from './deliberation'
import { expertImportModel, expertModel } from './expert'
import { creditCodeClaimModel } from './creditCodeClaim'
import { eventModels } from './event'
import { leaseModel } from './lease'
import { listingModels } from './listing'
import { listedImportModel } from './listedImport'
import { messageModel } from './message'
import { oneTimeCodeModel } from './oneTimeCode'
import { organizationModel } from './organization'
import { objectionModel, publicityModel } from './publicity'
import { reviewPlanModel, scoreModel } from './review'
import { outboxModel } from './outbox'
import { sequenceModel } from './sequence'
import { sessionModel } from './session'
import { similarityModels } from './similarity'
import { subscriptionCreditModel } from './subscriptionCredit'
import { userModel } from './user'
import { wechatTokenModel } from './wechatToken'
import { workdayYearModel } from './workdays'

export function createModels(connection: mongoose.Connection) {
  return {
    Application: applicationModel(connection),
    Attachment: attachmentModel(connection),
    Audit: auditModel(connection),
    Assignment: assignmentModel(connection),
    Call: callModel(connection),
    Committee: committeeModel(connection),
    Conflict: conflictModel(connection),
    Counter: counterModel(connection),
    CreditCodeClaim: creditCodeClaimModel(connection),
    DefenseSlot: defenseSlotModel(connection),
    Deliberation: deliberationModel(connection),
    Expert: expertModel(connection),
    ExpertImport: expertImportModel(connection),
    FileLink: fileLinkModel(connection),
    Lease: leaseModel(connection),
    ListedImport: listedImportModel(connection),
    Message: messageModel(connection),
    Objection: objectionModel(connection),
    OneTimeCode: oneTimeCodeModel(connection),
    Organization: organizationModel(connection),
    Outbox: outboxModel(connection),
    Pledge: pledgeModel(connection),
    Publicity: publicityModel(connection),
    ReviewPlan: reviewPlanModel(connection),
    Score: scoreModel(connection),
    Sequence: sequenceModel(connection),
    Session: sessionModel(connection),
    SiteVisit: siteVisitModel(connection),
    SubscriptionCredit: subscriptionCreditModel(connection),
    User: userModel(connection),
    ...similarityModels(connection),
    ...listingModels(connection),
    ...eventModels(connection),
    ...articleModels(connection),
    ...attendanceModels(connection),
    WeChatToken: wechatTokenModel(connection),
    WorkdayYear: workdayYearModel(connection),
  }
}

export type Models = ReturnType<typeof createModels>
