import { isApplicant, isMember, isStaff, staff, type Rules } from './define'

export const APPLICATION_RULES: Rules = {
  // Applications (第十四条): the organization's members make and follow them, and see nothing of review.
  'application.create': { who: ['org_member'], resource: isMember },
  'application.listOwn': { who: 'signedIn' },
  'application.readOwn': { who: ['org_member'], resource: isApplicant },
  'application.edit': { who: ['org_member'], resource: isApplicant },
  'application.submit': { who: ['org_member'], resource: isApplicant },
  'application.withdraw': { who: ['org_member'], resource: isApplicant },
  // A draft's files are the applicant's alone, like the draft (issue 12, item 5: their ids show in the audit log).
  'application.readAttachment': { who: ['org_member', ...staff], resource: (a, app) => isApplicant(a, app) || (isStaff(a) && !app.draft) },
  // Qualification review (第十五条) and the office's lists are the office's.
  'application.review': { who: staff },
}
