import Taro from '@tarojs/taro'

/** Page paths, built in one place so links and app.config.ts cannot drift apart. */
export const PAGES = {
  home: '/pages/index/index',
  callDetail: '/pages/call/detail',
} as const

export function openCall(id: string): void {
  void Taro.navigateTo({ url: `${PAGES.callDetail}?id=${encodeURIComponent(id)}` })
}

/** Back when there is somewhere to go back to; a shared link opened directly goes home instead. */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.switchTab({ url: PAGES.home })
  }
}
