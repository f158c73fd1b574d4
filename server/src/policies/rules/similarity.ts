import { staff, type Rules } from './define'

export const SIMILARITY_RULES: Rules = {
  // Copied text (第二十一条): the report names other organizations and shows their text, so it is the
  // office's alone (第十三条); applicants never reach it. Experts' and group leaders' views come with
  // the review rounds (第十六条), honouring the call's hideIdentityFromExperts.
  'similarity.read': { who: staff },
  'similarity.conclude': { who: staff },
  'similarity.configure': { who: staff },
}
