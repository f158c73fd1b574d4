import { staleFlag } from '../components/staleFlag'

/** Set by pages that change accounts elsewhere (新建账号), so the list reloads when shown again. */
const flag = staleFlag()

export const markUsersStale = flag.mark
export const takeUsersStale = flag.take
