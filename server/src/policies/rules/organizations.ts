import { isMember, isStaff, staff, type Rules } from './define'

export const ORGANIZATION_RULES: Rules = {
  'organization.create': { who: 'signedIn' },
  'organization.join': { who: 'signedIn' },
  'organization.list': { who: staff },
  'organization.readMembers': { who: ['org_member', ...staff], resource: (a, o) => isStaff(a) || isMember(a, o) },
  'organization.invite': { who: ['org_member'], resource: isMember },
  'organization.leave': { who: ['org_member'], resource: isMember },
  'organization.rename': { who: ['org_member'], resource: isMember },
  'organization.reviewName': { who: staff },
  // 第八条(一): the office verifies who an organization is before it may submit (issue 12, item 3).
  'organization.verify': { who: staff },
  'organization.readProfile': { who: ['org_member', ...staff], resource: (a, o) => isStaff(a) || isMember(a, o) },
  'organization.editProfile': { who: ['org_member'], resource: isMember },
  // Anyone signed in may upload; a file is reachable only through the form that names it.
  'attachment.upload': { who: 'signedIn' },
}
