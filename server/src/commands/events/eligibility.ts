import mongoose from 'mongoose'
import type { RegistrationQuota } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { EventRecord } from '../../models/event'
import { actorHasRole, type Actor } from '../../policies'

export interface Invitation {
  quota: RegistrationQuota
  organizationId?: mongoose.Types.ObjectId
  listedOrganizationId?: mongoose.Types.ObjectId
  organizationName?: string
}

/**
 * The years in which an account-side organization has an experience still listed (第十九条; a removed
 * one no longer counts, 第二十一条), and the listed organization it is known as.
 */
export async function listedYearsOf(models: Models, organizationId: mongoose.Types.ObjectId): Promise<{ years: number[]; listedOrganizationId?: mongoose.Types.ObjectId }> {
  const linked = await models.ListedOrganization.find({ organizationId }, { _id: 1 }).lean()
  const experiences = await models.ListedExperience.find(
    { state: 'listed', $or: [{ organizationId }, { listedOrganizationId: { $in: linked.map((l) => l._id) } }] },
    { year: 1, listedOrganizationId: 1 },
  ).lean()
  const first = experiences[0]?.listedOrganizationId ?? linked[0]?._id
  return { years: [...new Set(experiences.map((e) => e.year))].sort((a, b) => b - a), ...(first ? { listedOrganizationId: first } : {}) }
}

/**
 * Who may register for the event, and on which quota (第二十条: 质量标杆典型经验所在组织有义务参加):
 *
 * - for an organization (`organizationId` given): the caller is its member, it is listed, and — when
 *   the event names listed years — it has an experience listed in one of them;
 * - without one: the public quota, when the event has one, for a signed-in WeChat user.
 */
export async function invitationOf(models: Models, actor: Actor, event: Pick<EventRecord, 'listedYears' | 'publicQuota'>, organizationId?: string): Promise<Invitation> {
  if (!organizationId) {
    if (event.publicQuota > 0 && actorHasRole(actor, 'wechat_user')) return { quota: 'public' }
    throw new AppError('EVENT_NOT_INVITED', {
      message: event.publicQuota > 0 ? '社会公众报名请使用微信登录' : '该活动仅限入选组织报名：请选择你所在的入选组织',
    })
  }
  const _id = new mongoose.Types.ObjectId(organizationId)
  const org = await models.Organization.findOne({ _id, 'members.userId': new mongoose.Types.ObjectId(actor.userId!) }, { name: 1, listed: 1 }).lean()
  if (!org) throw new AppError('EVENT_NOT_INVITED', { message: '你不是该组织的成员，不能为其报名' })
  if (!org.listed) throw new AppError('EVENT_NOT_INVITED', { message: '该组织目前不是入选组织，不能报名本活动' })
  const { years, listedOrganizationId } = await listedYearsOf(models, _id)
  if (event.listedYears.length && !years.some((y) => event.listedYears.includes(y))) {
    throw new AppError('EVENT_NOT_INVITED', { message: `本活动邀请 ${[...event.listedYears].sort().join('、')} 年度的入选组织，该组织不在其列` })
  }
  return { quota: 'listed', organizationId: _id, ...(listedOrganizationId ? { listedOrganizationId } : {}), organizationName: org.name }
}
