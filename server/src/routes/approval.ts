import { approvalCalls, approvalSheet, approvalSigner } from '../commands/listing/approval'
import { listingPublisher } from '../commands/listing/publication'
import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'

type Names = 'listApprovalCalls' | 'getApprovalSheet' | 'signApproval' | 'publishListing'

/** Approval (the CAQ approver) and publication (the office) of a call's official list (第十九条). */
export function approvalHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  return {
    async listApprovalCalls(_ctx, { query }) {
      return approvalCalls(models, query)
    },

    async getApprovalSheet(_ctx, { params }) {
      return approvalSheet(models, params.id)
    },

    async signApproval(ctx, { params, body, actor }) {
      await approvalSigner({ models, actor, callId: params.id, input: body, logger: ctx.state.log ?? logger })
      return approvalSheet(models, params.id)
    },

    async publishListing(ctx, { params, actor }) {
      await listingPublisher({ models, actor, callId: params.id, logger: ctx.state.log ?? logger })
      return approvalSheet(models, params.id)
    },
  }
}
