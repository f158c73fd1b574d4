import Taro from '@tarojs/taro'
import { PAGES } from '../navigation'
import { STRINGS } from '../strings'
import { EmptyState } from './EmptyState'

/**
 * For pages that need a signed-in caller: says so (and why the last session ended, if it did)
 * and leads to 我的, where every way of signing in is.
 */
export function SignInPrompt({ reason }: { reason?: string | null }) {
  return (
    <EmptyState
      kind="signIn"
      className="signin-prompt"
      title={STRINGS.session.signInTitle}
      description={reason ? `${reason}。${STRINGS.session.signInDescription}` : STRINGS.session.signInDescription}
      action={{
        text: STRINGS.session.goSignIn,
        className: 'signin-prompt-go',
        onClick: () => void Taro.switchTab({ url: PAGES.me }),
      }}
    />
  )
}

/** For office pages opened by someone without an office role. */
export function ForbiddenNotice() {
  return (
    <EmptyState
      kind="forbidden"
      className="forbidden-notice"
      title={STRINGS.session.forbiddenTitle}
      description={STRINGS.session.forbiddenDescription}
      action={{ text: STRINGS.common.backHome, className: 'forbidden-notice-home', onClick: () => void Taro.switchTab({ url: PAGES.home }) }}
    />
  )
}
