import { Text, View } from '@tarojs/components'
import { SUPPLEMENT_SECTION_LABELS, formatDateTime, type FieldError, type SupplementSection } from '@zlbg/shared'
import { FormError } from '../../../../components/FormField'
import { Button } from '../../../../ui/nutui'
import { Card } from '../../components'
import { ORG_STRINGS } from '../../strings'
import { STEPS, type StepKey } from '../content'
import { profileProblemLines } from './profileProblems'

const S = ORG_STRINGS.edit

/** 提交前检查: each step's state (a tap opens it), the organization's profile and the closing time. */
export function ReviewStep({
  problemsOf,
  onPick,
  profileComplete,
  profileErrors,
  profileProblem,
  profileSections,
  onOpenProfile,
  closesAt,
}: {
  problemsOf: (key: StepKey) => number
  onPick: (index: number) => void
  profileComplete: boolean
  /** The server's PROFILE_INCOMPLETE fields (`profile.*`), shown under 组织信息. */
  profileErrors: readonly FieldError[]
  /** The server's message when it refused the profile. */
  profileProblem: string | null
  profileSections: readonly SupplementSection[]
  onOpenProfile: () => void
  /** Absent when resubmitting a supplement (its own deadline applies). */
  closesAt?: string
}) {
  const profileOk = profileComplete && profileErrors.length === 0 && !profileProblem
  return (
    <Card className="edit-review" title={S.reviewTitle}>
      {STEPS.slice(0, -1).map((stepKey, index) => {
        const problems = problemsOf(stepKey)
        return (
          <View key={stepKey} className={`review-step review-step-${stepKey}${problems ? ' review-step--invalid' : ''}`} onClick={() => onPick(index)}>
            <Text className="review-step-label">{S.steps[index]}</Text>
            <Text className="review-step-state">{problems ? `${S.stepProblems(problems)} ›` : S.stepOk}</Text>
          </View>
        )
      })}
      <View className={`review-step review-step-profile${profileOk ? '' : ' review-step--invalid'}`} onClick={onOpenProfile}>
        <Text className="review-step-label">{S.profileTitle}</Text>
        <Text className="review-step-state">{profileOk ? S.stepOk : `${S.profileIncomplete} ›`}</Text>
      </View>
      {profileProblem ? <FormError className="application-profile-error" message={profileProblem} /> : null}
      {profileErrors.length ? (
        <View className="application-profile-fields">
          {profileProblemLines(profileErrors).map((line) => (
            <View key={line} className="form-field-error application-profile-field-error">
              {line}
            </View>
          ))}
        </View>
      ) : null}
      <Text className="review-text">{S.profileHint}</Text>
      {profileSections.length ? (
        <Text className="review-text edit-profile-sections">
          {`${ORG_STRINGS.detail.profileSection}（${profileSections.map((s) => SUPPLEMENT_SECTION_LABELS[s]).join('、')}）`}
        </Text>
      ) : null}
      <Button className="application-open-profile" size="small" fill="outline" type="primary" onClick={onOpenProfile}>
        {S.openProfile}
      </Button>
      {closesAt ? <Text className="review-closes application-closes">{S.closesAt(formatDateTime(closesAt))}</Text> : null}
    </Card>
  )
}
