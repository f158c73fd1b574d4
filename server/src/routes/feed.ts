import type { Handlers } from '../http/bind'
import type { Models } from '../models'
import { atomFeed, feedEntries, jsonFeed } from '../presenters/feed/feed'

/** The one public feed (cached under calls + publicity + listing, app.ts): JSON Feed 1.1 and Atom 1.0 of the same entries. */
export function feedHandlers(models: Models, { publicBaseUrl }: { publicBaseUrl: string }): Pick<Handlers, 'feedJson' | 'feedAtom'> {
  return {
    async feedJson() {
      return jsonFeed(await feedEntries(models, publicBaseUrl), publicBaseUrl)
    },
    async feedAtom() {
      return atomFeed(await feedEntries(models, publicBaseUrl), publicBaseUrl)
    },
  }
}
