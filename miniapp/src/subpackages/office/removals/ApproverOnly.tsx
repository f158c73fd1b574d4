import type { ReactNode } from 'react'
import type { Me } from '@zlbg/shared'
import { StaffOnly } from '../components/StaffOnly'

const isApprover = (me: Me) => me.roles.includes('approver')

/** The CAQ approver's pages (第十九条、第二十一条) in this subpackage: the office's gate, asking for the approver role instead. */
export function ApproverOnly({ children }: { children: (me: Me) => ReactNode }) {
  return <StaffOnly allowed={isApprover}>{children}</StaffOnly>
}
