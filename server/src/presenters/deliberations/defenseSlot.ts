import type { ApplicantDefenseSlot, DefenseSlotView } from '@zlbg/shared'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { DefenseSlotRecord } from '../../models/deliberation'

const iso = (d: Date) => d.toISOString()
const endOf = (s: DefenseSlotRecord) => new Date(s.startsAt.getTime() + s.durationMinutes * 60_000)

/** Slots for the office: the group, the time, where, and the application holding it. */
export async function presentDefenseSlots(models: Models, slots: readonly DefenseSlotRecord[], committee: CommitteeRecord | null): Promise<DefenseSlotView[]> {
  const ids = slots.flatMap((s) => (s.applicationId ? [s.applicationId] : []))
  const apps = new Map((await models.Application.find({ _id: { $in: ids } }, { state: 1, receiptNumber: 1, 'content.title': 1, organizationName: 1 }).lean()).map((a) => [a._id.toHexString(), a]))
  const groupName = (s: DefenseSlotRecord) => committee?.groups.find((g) => g._id.equals(s.groupId))?.name ?? ''
  return slots.map((s) => {
    const app = s.applicationId && apps.get(s.applicationId.toHexString())
    return {
      id: s._id.toHexString(),
      callId: s.callId.toHexString(),
      groupId: s.groupId.toHexString(),
      groupName: groupName(s),
      state: s.state,
      startsAt: iso(s.startsAt),
      endsAt: iso(endOf(s)),
      ...(s.place ? { place: s.place } : {}),
      ...(s.onlineLink ? { onlineLink: s.onlineLink } : {}),
      ...(app
        ? {
            application: {
              applicationId: app._id.toHexString(),
              ...(app.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
              title: app.content?.title ?? '',
              organizationName: app.organizationName ?? '',
              state: app.state,
              groupId: s.groupId.toHexString(),
              groupName: groupName(s),
            },
          }
        : {}),
      ...(s.confirmedAt ? { confirmedAt: iso(s.confirmedAt) } : {}),
    }
  })
}

/** The applicant's view (第十三条): time, place or link and their confirmation — no group, no reviewers. */
export function presentApplicantSlot(slot: DefenseSlotRecord | null): ApplicantDefenseSlot {
  if (!slot) return { slot: null }
  return {
    slot: {
      startsAt: iso(slot.startsAt),
      endsAt: iso(endOf(slot)),
      ...(slot.place ? { place: slot.place } : {}),
      ...(slot.onlineLink ? { onlineLink: slot.onlineLink } : {}),
      ...(slot.confirmedAt ? { confirmedAt: iso(slot.confirmedAt) } : {}),
    },
  }
}
