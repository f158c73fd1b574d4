import { batchQualifier } from '../commands/qualification/batchQualifier'
import { qualificationDecider } from '../commands/qualification/qualificationDecider'
import { qualificationStarter } from '../commands/qualification/qualificationStarter'
import { supplementResubmitter } from '../commands/applications/supplementResubmitter'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import { presentApplicant } from '../presenters/applications/application'
import { loadOfficeApplication, presentOfficeApplication } from '../presenters/applications/officeApplication'
import { loadApplication } from './applications'

type Names = 'getOfficeApplication' | 'startQualification' | 'decideQualification' | 'batchQualification' | 'resubmitSupplement'

/** Qualification review (资格审查, 第十五条): the office's view and decisions, and the applicant's supplement. */
export function qualificationHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  /** The office never sees an organization's drafts (第十三条): they are not applications yet. */
  async function submitted(id: string): Promise<ApplicationRecord> {
    const doc = await loadOfficeApplication(models, id)
    if (!doc) throw new AppError('APPLICATION_NOT_FOUND')
    return doc
  }

  return {
    async getOfficeApplication(_ctx, { params, actor }) {
      return presentOfficeApplication(models, await submitted(params.id), actor)
    },

    async startQualification(_ctx, { params, actor }) {
      await submitted(params.id)
      const doc = await qualificationStarter({ models, logger, id: params.id, actor })
      return presentOfficeApplication(models, doc, actor)
    },

    async decideQualification(_ctx, { params, body, actor }) {
      await submitted(params.id)
      const doc = await qualificationDecider({ models, logger, id: params.id, actor, decision: body })
      return presentOfficeApplication(models, doc, actor)
    },

    async batchQualification(_ctx, { params, body, actor }) {
      const call = await models.Call.findById(params.id, { _id: 1 }).lean()
      if (!call) throw new AppError('CALL_NOT_FOUND')
      const items = await batchQualifier({ models, logger, callId: params.id, action: body.action, applicationIds: body.applicationIds, actor })
      return { items }
    },

    async resubmitSupplement(_ctx, { params, actor }) {
      const doc = await loadApplication(models, params.id, actor, 'application.submit')
      const now = new Date()
      const done = await supplementResubmitter({ models, actor, doc, logger, now })
      return presentApplicant(models, done, { now })
    },
  }
}
