import { batchQualifier } from '../commands/qualification/batchQualifier'
import { qualificationDecider } from '../commands/qualification/qualificationDecider'
import { qualificationStarter } from '../commands/qualification/qualificationStarter'
import { supplementResubmitter } from '../commands/applications/supplementResubmitter'
import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { Actor } from '../policies'
import { loadApplication, loadCall, loadSubmittedApplication } from '../policies/loaders'
import { presentApplicant } from '../presenters/applications/application'
import { presentOfficeApplication } from '../presenters/applications/officeApplication'

type Names = 'getOfficeApplication' | 'startQualification' | 'decideQualification' | 'batchQualification' | 'resubmitSupplement'

/** Qualification review (资格审查, 第十五条): the office's view and decisions, and the applicant's supplement. */
export function qualificationHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  /** The office never sees an organization's drafts (第十三条): they are not applications yet. */
  const submitted = (id: string, actor: Actor) => loadSubmittedApplication(models, id, actor, 'application.review')

  return {
    async getOfficeApplication(_ctx, { params, actor }) {
      return presentOfficeApplication(models, await submitted(params.id, actor), actor)
    },

    async startQualification(_ctx, { params, actor }) {
      await submitted(params.id, actor)
      const doc = await qualificationStarter({ models, logger, id: params.id, actor })
      return presentOfficeApplication(models, doc, actor)
    },

    async decideQualification(_ctx, { params, body, actor }) {
      await submitted(params.id, actor)
      const doc = await qualificationDecider({ models, logger, id: params.id, actor, decision: body })
      return presentOfficeApplication(models, doc, actor)
    },

    async batchQualification(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'application.review')
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
