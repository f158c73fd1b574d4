import { flagConcluder } from '../commands/similarity/flagConcluder'
import { similaritySettingsUpdater } from '../commands/similarity/settingsUpdater'
import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { loadCall, loadSubmittedApplication } from '../policies/loaders'
import { presentFlag, presentSimilarityReport, presentSimilaritySettings } from '../presenters/similarity/report'

type Names = 'getSimilarityReport' | 'concludeSimilarityFlag' | 'getSimilaritySettings' | 'updateSimilaritySettings'

/** Copied text (第二十一条): the office's report per application, its conclusions, and the call's settings. */
export function similarityHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  return {
    async getSimilarityReport(_ctx, { params, actor }) {
      const app = await loadSubmittedApplication(models, params.id, actor, 'similarity.read')
      return presentSimilarityReport(models, app, actor)
    },

    async concludeSimilarityFlag(ctx, { params, body, actor }) {
      const flag = await flagConcluder({ models, logger: ctx.state.log ?? logger, id: params.id, actor, conclusion: body })
      return presentFlag(flag, actor)
    },

    async getSimilaritySettings(_ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'similarity.configure')
      return presentSimilaritySettings(models, params.id)
    },

    async updateSimilaritySettings(_ctx, { params, body, actor }) {
      await loadCall(models, params.id, actor, 'similarity.configure')
      return similaritySettingsUpdater({ models, callId: params.id, actor, settings: body })
    },
  }
}
