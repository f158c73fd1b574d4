import { ACCOUNT_ROLES, ROLE_LABELS, type AccountRole } from '@zlbg/shared'
import { Checkbox } from '../../../ui/nutui-office'

/** The account roles the office grants, as NutUI checkboxes; each is `.<prefix>-<role>`. */
export function RoleCheckboxes({
  prefix,
  value,
  onChange,
}: {
  prefix: string
  value: readonly string[]
  onChange: (roles: AccountRole[]) => void
}) {
  return (
    <Checkbox.Group
      className={`role-checkboxes ${prefix}`}
      direction="horizontal"
      value={[...value]}
      onChange={(roles) => onChange(ACCOUNT_ROLES.filter((role) => roles.includes(role)))}
    >
      {ACCOUNT_ROLES.map((role) => (
        <Checkbox key={role} className={`role-checkbox ${prefix}-${role}`} value={role} label={ROLE_LABELS[role]} />
      ))}
    </Checkbox.Group>
  )
}
