import type { Models } from '../models'
import type { EventRecord } from '../models/event'
import type { Actor } from '../policies'
import { registrationStep } from '../commands/events/checkInRecorder'
import { OFFERED_EVENT_STATES } from '../commands/attendance/attendanceOf'

const MINUTE = 60_000
const DEMO_DESK: Actor = { displayName: '演示：签到台', roles: ['office'], organizationIds: [] }

/**
 * Check-ins on the demo events (第二十条), so the check-in desk, the tickets and the attendance
 * obligation show something on a fresh `npm start`: at an event that has ended, two thirds of the
 * confirmed attendees checked in (a few minutes apart from its start) and the rest marked no-shows; at
 * one under way, half checked in so far. Each step through the registration machine, as the desk
 * would. Runs after the demo events and their registrations; an event with any check-in or no-show
 * already is left alone, so a second run adds nothing. Returns the registrations it moved.
 */
export async function seedDemoAttendance(models: Models, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const events = await models.Event.find({ state: { $in: OFFERED_EVENT_STATES }, startsAt: { $lte: now } }, { pendingEffects: 0 }).sort({ startsAt: 1 }).lean<EventRecord[]>()
  let moved = 0
  for (const event of events) {
    if (await models.Registration.exists({ eventId: event._id, state: { $in: ['attended', 'no_show'] } })) continue
    const confirmed = await models.Registration.find({ eventId: event._id, state: 'confirmed' }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).lean()
    const ended = event.endsAt <= now
    const arriving = Math.ceil(confirmed.length * (ended ? 2 / 3 : 1 / 2))
    for (const [i, { _id }] of confirmed.entries()) {
      if (i < arriving) {
        const at = new Date(Math.min(event.startsAt.getTime() - 20 * MINUTE + i * 3 * MINUTE, now.getTime()))
        await registrationStep(models, { id: _id, eventId: event._id, event: 'checkIn', actor: DEMO_DESK, now: at, set: { checkedInAt: at } })
      } else if (ended) {
        await registrationStep(models, { id: _id, eventId: event._id, event: 'markNoShow', actor: DEMO_DESK, now: event.endsAt })
      } else {
        continue
      }
      moved++
    }
  }
  return moved
}
