import { flagConcluder } from '../commands/similarity/flagConcluder'
import { similaritySettingsUpdater } from '../commands/similarity/settingsUpdater'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { loadOfficeApplication } from '../presenters/applications/officeApplication'
import { presentFlag, presentSimilarityReport, presentSimilaritySettings } from '../presenters/similarity/report'

type Names = 'getSimilarityReport' | 'concludeSimilarityFlag' | 'getSimilaritySettings' | 'updateSimilaritySettings'

/** Copied text (第二十一条): the office's report per application, its conclusions, and the call's settings. */
export function similarityHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  async function callOrNotFound(id: string) {
    const call = await models.Call.findById(id, { _id: 1 }).lean()
    if (!call) throw new AppError('CALL_NOT_FOUND')
  }

  return {
    async getSimilarityReport(_ctx, { params, actor }) {
      const app = await loadOfficeApplication(models, params.id)
      if (!app) throw new AppError('APPLICATION_NOT_FOUND')
      return presentSimilarityReport(models, app, actor)
    },

    async concludeSimilarityFlag(ctx, { params, body, actor }) {
      const flag = await flagConcluder({ models, logger: ctx.state.log ?? logger, id: params.id, actor, conclusion: body })
      return presentFlag(flag, actor)
    },

    async getSimilaritySettings(_ctx, { params }) {
      await callOrNotFound(params.id)
      return presentSimilaritySettings(models, params.id)
    },

    async updateSimilaritySettings(_ctx, { params, body, actor }) {
      await callOrNotFound(params.id)
      return similaritySettingsUpdater({ models, callId: params.id, actor, settings: body })
    },
  }
}
