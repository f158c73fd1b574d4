import Taro from '@tarojs/taro'
import { PAGES } from './pagePaths'

export { OFFICE_SUBPACKAGE, PAGES } from './pagePaths'

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

/** After signing in on a page of its own: back to 我的, which shows the account. */
export function backToMe(): void {
  void Taro.switchTab({ url: PAGES.me })
}
