import type { ReviewRound } from '@zlbg/shared'
import type { Handlers } from '../http/bind'
import { xlsxBookDownload } from '../http/xlsx'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { actorHasRole, type Actor } from '../policies'
import { loadCommittee } from '../policies/loaders'
import { commentSheets, rankingSheets, scoreSheets } from '../presenters/ranking/exports'
import { buildRoundRanking } from '../review/ranking'

type Names = 'getRoundRanking' | 'exportRoundScores' | 'exportRoundRanking' | 'exportRoundComments'

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export function rankingHandlers(models: Models, _deps: { logger: Logger }): Pick<Handlers, Names> {
  /** The office's export of a round: the ranking first (it orders every sheet), then the sheets, audited. */
  async function exportRound(params: { id: string; round: ReviewRound }, actor: Actor, kind: 'scores' | 'ranking' | 'comments') {
    const { committee, actor: inCall } = await loadCommittee(models, params.id, actor, 'ranking.export')
    const ranking = await buildRoundRanking(models, committee, params.round)
    const sheets = kind === 'ranking' ? rankingSheets(ranking) : kind === 'scores' ? await scoreSheets(models, ranking) : await commentSheets(models, ranking)
    return xlsxBookDownload(models, inCall, {
      sheets,
      filename: `${kind}-${params.round}-${new Date().toISOString().slice(0, 10)}.xlsx`,
      audit: { action: `ranking.export.${kind}`, resource: { type: 'call', id: params.id } },
    })
  }

  return {
    async getRoundRanking(_ctx, { params, actor }) {
      const { committee, roles, actor: inCall } = await loadCommittee(models, params.id, actor, 'ranking.read')
      // A group leader sees their own group's rows; the chair, vice chairs and the office every group.
      const whole = actorHasRole(inCall, 'office') || !roles.expertId || actorHasRole(inCall, 'committee_chair') || actorHasRole(inCall, 'committee_vice_chair')
      return buildRoundRanking(models, committee, params.round, whole ? undefined : { groupId: roles.groupId ?? '' })
    },
    exportRoundScores: (_ctx, { params, actor }) => exportRound(params, actor, 'scores'),
    exportRoundRanking: (_ctx, { params, actor }) => exportRound(params, actor, 'ranking'),
    exportRoundComments: (_ctx, { params, actor }) => exportRound(params, actor, 'comments'),
  }
}
