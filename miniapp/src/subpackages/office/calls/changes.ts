import { staleFlag } from '../components/staleFlag'

/** Set by the editor when it saves, publishes, closes or deletes a call, so the list reloads when shown again. */
const flag = staleFlag()

export const markCallsStale = flag.mark
export const takeCallsStale = flag.take
