import { applicationMachine, type OfficeApplication } from '@zlbg/shared'
import { attachedFiles } from '../../attachments'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import { actorInCall, hasRoleOf, type Actor } from '../../policies'
import { presentApplicationView, type ApplicationContext } from './application'

const iso = (d: Date) => d.toISOString()

/** How an audit actor is named to the office: the person, or what ran the step (the deadline job). */
function actorName(actor: { displayName?: string; roles: string[] }): string {
  if (actor.displayName) return actor.displayName
  return actor.roles.includes('system') ? '系统' : '未知'
}

/**
 * The office's view of one application (第十五条): the applicant's view plus the profile as
 * submitted, the certificate scan, the automatic pre-check, the reviewers' findings with their names,
 * every recorded step with who took it, and the workflow events the caller may send now. Only for
 * routes behind 'application.review': the names here are what 第十三条 keeps from the applicant.
 */
export async function presentOfficeApplication(
  models: Models,
  doc: ApplicationRecord,
  actor: Actor,
  context?: ApplicationContext,
): Promise<OfficeApplication> {
  const scanRef = doc.profileSnapshot?.iso9001.scan
  const [view, scans, audit] = await Promise.all([
    presentApplicationView(models, doc, context),
    scanRef ? attachedFiles(models, [scanRef]) : Promise.resolve([]),
    models.Audit.find({ 'resource.type': 'application', 'resource.id': doc._id.toHexString() }).sort({ at: 1, _id: 1 }).limit(500).lean(),
  ])
  return {
    ...view,
    ...(doc.profileSnapshot ? { profileSnapshot: doc.profileSnapshot } : {}),
    ...(scans[0] ? { iso9001Scan: scans[0] } : {}),
    ...(doc.precheck ? { precheck: doc.precheck } : {}),
    ...(doc.findings
      ? {
          findings: doc.findings.map((f) => ({
            rule: f.rule,
            outcome: f.outcome,
            ...(f.reason ? { reason: f.reason } : {}),
            by: f.by,
            at: iso(f.at),
          })),
        }
      : {}),
    log: audit.map((a) => ({
      at: iso(a.at),
      ...(a.from ? { from: a.from } : {}),
      ...(a.to ? { to: a.to } : {}),
      action: a.action,
      actor: actorName(a.actor),
      ...(a.reason ? { reason: a.reason } : {}),
    })),
    // The buttons: what the machine lets this person send now, their roles in the call included.
    events: applicationMachine.allowedEvents(doc.state, { hasRole: hasRoleOf(await actorInCall(models, actor, doc.callId.toHexString())) }),
  }
}
