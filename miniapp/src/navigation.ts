import Taro from '@tarojs/taro'
import { ANNOUNCEMENT_SUBPACKAGE, APPROVER_SUBPACKAGE, EVENT_SUBPACKAGE, EXPERT_SUBPACKAGE, LISTED_SUBPACKAGE, OBJECTION_SUBPACKAGE, OFFICE_SUBPACKAGE, ORG_SUBPACKAGE, PAGES, TAB_PAGES } from './pagePaths'
import { STRINGS } from './strings'

export { OFFICE_SUBPACKAGE, PAGES } from './pagePaths'

const MAIN_PAGES: readonly string[] = Object.values(PAGES).filter((p) => !p.startsWith('/subpackages/'))
const SUBPACKAGE_PAGES: readonly string[] = [OFFICE_SUBPACKAGE, ORG_SUBPACKAGE, EXPERT_SUBPACKAGE, OBJECTION_SUBPACKAGE, LISTED_SUBPACKAGE, ANNOUNCEMENT_SUBPACKAGE, APPROVER_SUBPACKAGE, EVENT_SUBPACKAGE].flatMap((sub) => sub.pages.map((p) => `/${sub.root}/${p}`))

/**
 * Opens an in-app page path such as `/subpackages/org/application?id=…` (a message's link); false when
 * it is not a page of this build (an outside address, or a page a later version adds).
 */
export function openInAppLink(link: string): boolean {
  const path = link.split('?')[0] ?? ''
  if (!/^\/(pages|subpackages)\/[\w/-]+$/.test(path)) return false
  if (TAB_PAGES.includes(path)) {
    void Taro.switchTab({ url: path })
    return true
  }
  if (!MAIN_PAGES.includes(path) && !SUBPACKAGE_PAGES.includes(path)) return false
  void Taro.navigateTo({ url: link })
  return true
}

export function openCall(id: string): void {
  void Taro.navigateTo({ url: `${PAGES.callDetail}?id=${encodeURIComponent(id)}` })
}

export function openPage(url: string): void {
  void Taro.navigateTo({ url })
}

/** Back when there is somewhere to go back to; a shared link opened directly goes home instead. */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.switchTab({ url: PAGES.home })
  }
}

/** After signing in on a page of its own: greet, then back to 我的, which shows the account. */
export function welcomeBackToMe(displayName: string): void {
  void Taro.showToast({ title: STRINGS.login.welcome(displayName), icon: 'none', duration: 2000 })
  void Taro.switchTab({ url: PAGES.me })
}
