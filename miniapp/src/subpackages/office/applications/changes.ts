import { staleFlag } from '../components/staleFlag'

/** Set by the review page after a decision, so the list shows the new stage when it is shown again. */
const flag = staleFlag()

export const markApplicationsStale = flag.mark
export const takeApplicationsStale = flag.take
