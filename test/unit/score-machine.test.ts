import { CRITERIA, DEFAULT_RUBRIC, MIN_COMMENT_LENGTH, scoreMachine, ScoreSubmitInputSchema, type CallRole, type Role, type ScoreState } from '@zlbg/shared'
import { checkPoints, roundOpenFor, sumPoints } from '../../server/src/commands/scoring/scores'
import { mayReopenInGroup, progressScope } from '../../server/src/policies/rules/scoring'
import { hasRoleOf } from '../../server/src/policies/roles'
import type { Actor } from '../../server/src/policies'

type Who = Role | CallRole
const holder = (roles: Who[], groupId?: string): Actor => ({
  userId: 'u1',
  roles: roles.filter((r): r is Role => !['group_leader', 'group_member', 'assigned_expert', 'committee_chair', 'committee_vice_chair'].includes(r)),
  organizationIds: [],
  call: { id: 'c1', roles: roles.filter((r): r is CallRole => ['group_leader', 'group_member', 'assigned_expert', 'committee_chair', 'committee_vice_chair'].includes(r)), ...(groupId ? { groupId } : {}) },
})
const check = (roles: Who[]) => ({ hasRole: hasRoleOf(holder(roles)) })

describe('the score machine (第十六条, 第十七条)', () => {
  const steps: [string, ScoreState, 'submit' | 'reopen', Who[], string | undefined, ScoreState | 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'][] = [
    ['第十六条 the assigned expert submits a draft', 'draft', 'submit', ['expert', 'assigned_expert'], undefined, 'submitted'],
    ['第十六条 nobody else submits it, not the office', 'draft', 'submit', ['office'], undefined, 'ROLE_NOT_ALLOWED'],
    ['第十六条 nor the group leader', 'draft', 'submit', ['expert', 'group_leader'], undefined, 'ROLE_NOT_ALLOWED'],
    ['第十六条 a submitted score is locked: submitting again is refused', 'submitted', 'submit', ['expert', 'assigned_expert'], undefined, 'EVENT_NOT_ACCEPTED'],
    ['the group leader reopens a submitted score with a reason', 'submitted', 'reopen', ['expert', 'group_leader'], '分数与评语不一致', 'reopened'],
    ['the office reopens a submitted score with a reason', 'submitted', 'reopen', ['office'], '复核', 'reopened'],
    ['the admin stands for the office', 'submitted', 'reopen', ['admin'], '复核', 'reopened'],
    ['no reopening without a reason', 'submitted', 'reopen', ['office'], undefined, 'REASON_REQUIRED'],
    ['the expert does not reopen their own score', 'submitted', 'reopen', ['expert', 'assigned_expert'], '我想改', 'ROLE_NOT_ALLOWED'],
    ['the chair does not reopen (the group leader or the office does)', 'submitted', 'reopen', ['expert', 'committee_chair'], '复核', 'ROLE_NOT_ALLOWED'],
    ['a draft is not reopened', 'draft', 'reopen', ['office'], '复核', 'EVENT_NOT_ACCEPTED'],
    ['a reopened score is submitted again by the expert', 'reopened', 'submit', ['expert', 'assigned_expert'], undefined, 'submitted'],
    ['a reopened score is not reopened twice', 'reopened', 'reopen', ['office'], '复核', 'EVENT_NOT_ACCEPTED'],
  ]
  test.each(steps)('%s', (_name, from, event, roles, reason, expected) => {
    const step = scoreMachine.transition(from, event, { ...check(roles), ...(reason ? { reason } : {}) })
    if (step.ok) expect(step.to).toBe(expected)
    else expect(step.reason).toBe(expected)
  })

  const edits: [string, ScoreState, Who[], boolean][] = [
    ['第十六条 the assigned expert edits a draft', 'draft', ['expert', 'assigned_expert'], true],
    ['第十六条 and a reopened score', 'reopened', ['expert', 'assigned_expert'], true],
    ['第十六条 never a submitted one (no silent edits)', 'submitted', ['expert', 'assigned_expert'], false],
    ['the office does not edit an expert’s score', 'draft', ['office'], false],
    ['the group leader does not edit it', 'reopened', ['expert', 'group_leader'], false],
  ]
  test.each(edits)('%s', (_name, state, roles, ok) => {
    expect(scoreMachine.allows(state, 'edit', check(roles)).ok).toBe(ok)
  })
})

describe('who reopens and who follows progress', () => {
  const reopen: [string, Actor, string, boolean][] = [
    ['a group leader, their own group', holder(['expert', 'group_leader'], 'g1'), 'g1', true],
    ['a group leader, another group', holder(['expert', 'group_leader'], 'g1'), 'g2', false],
    ['a group member, their own group', holder(['expert', 'group_member'], 'g1'), 'g1', false],
    ['the office, any group', holder(['office']), 'g2', true],
  ]
  test.each(reopen)('%s', (_name, actor, groupId, ok) => expect(mayReopenInGroup(actor, groupId)).toBe(ok))

  const scope: [string, Actor, string | undefined][] = [
    ['the office: every group', holder(['office']), 'all'],
    ['the chair: every group', holder(['expert', 'committee_chair']), 'all'],
    ['a vice chair who also leads a group: every group', holder(['expert', 'committee_vice_chair', 'group_leader'], 'g1'), 'all'],
    ['a group leader: their group', holder(['expert', 'group_leader'], 'g1'), 'g1'],
    ['a member: none', holder(['expert', 'group_member', 'assigned_expert'], 'g1'), undefined],
  ]
  test.each(scope)('%s', (_name, actor, expected) => expect(progressScope(actor)).toBe(expected))
})

describe('points and rounds', () => {
  test('第六条 each item within its maximum; the error names every item over it', () => {
    expect(() => checkPoints(DEFAULT_RUBRIC, { scientific: 17, developmental: 16 })).not.toThrow()
    expect(() => checkPoints(DEFAULT_RUBRIC, { scientific: 18, developmental: 17 })).toThrow(expect.objectContaining({ code: 'SCORE_OUT_OF_RANGE', fields: [expect.objectContaining({ path: 'points.scientific' }), expect.objectContaining({ path: 'points.developmental' })] }))
  })
  test('the total is the sum of the six items', () => {
    expect(sumPoints(Object.fromEntries(CRITERIA.map((c, i) => [c, i + 1])))).toBe(21)
    expect(sumPoints({ scientific: 5 })).toBe(5)
  })
  test('第十六条 the material round is scored in material_review; 第十七条 the defense round in defense_review and site_visit', () => {
    expect(['qualified', 'material_review', 'shortlisted', 'defense_review', 'site_visit'].map((s) => [roundOpenFor(s, 'material'), roundOpenFor(s, 'defense')])).toEqual([
      [false, false],
      [true, false],
      [false, false],
      [false, true],
      [false, true],
    ])
  })
  test('第十六条 a submitted comment has at least the minimum length, counted after trimming', () => {
    const points = Object.fromEntries(CRITERIA.map((c) => [c, 1]))
    expect(ScoreSubmitInputSchema.safeParse({ round: 'material', points, comment: `  ${'好'.repeat(MIN_COMMENT_LENGTH - 1)}  ` }).success).toBe(false)
    expect(ScoreSubmitInputSchema.safeParse({ round: 'material', points, comment: '好'.repeat(MIN_COMMENT_LENGTH) }).success).toBe(true)
  })
})
