import { EVENT_SUBPACKAGE, EXPERT_SUBPACKAGE, OBJECTION_SUBPACKAGE, OFFICE_SUBPACKAGE, ORG_SUBPACKAGE } from './pagePaths'
import { STRINGS } from './strings'
import { THEME } from './theme'

/**
 * Public pages and signing in live in the main package (docs/ARCHITECTURE.md); office work is a subpackage,
 * so the weapp main package stays small. Organization and expert work are subpackages too.
 */
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/publicity/index',
    'pages/publicity/detail',
    'pages/listing/index',
    'pages/events/index',
    'pages/me/index',
    'pages/call/detail',
    'pages/login/password',
    'pages/login/invite',
    'pages/me/password',
    'pages/me/messages',
  ],
  subPackages: [
    { root: OFFICE_SUBPACKAGE.root, pages: [...OFFICE_SUBPACKAGE.pages] },
    { root: ORG_SUBPACKAGE.root, pages: [...ORG_SUBPACKAGE.pages] },
    { root: EXPERT_SUBPACKAGE.root, pages: [...EXPERT_SUBPACKAGE.pages] },
    { root: OBJECTION_SUBPACKAGE.root, pages: [...OBJECTION_SUBPACKAGE.pages] },
    // Only the ticket page here until the registration pages (detail, mine) are merged: then the whole EVENT_SUBPACKAGE.
    { root: EVENT_SUBPACKAGE.root, pages: ['ticket/index'] },
  ],
  window: {
    // 'default' is the weapp default; stating it makes the H5 build draw a title bar with a back
    // button too, without which a detail page opened in a browser has no way back.
    navigationStyle: 'default',
    navigationBarTitleText: STRINGS.appTitle,
    navigationBarBackgroundColor: THEME.white,
    navigationBarTextStyle: 'black',
    backgroundColor: THEME.background,
    backgroundTextStyle: 'dark',
  },
  // H5 only (not an app.json key): no slide-in between pages, so the browser workbench and its
  // tests never see two pages half on screen.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  tabBar: {
    color: THEME.tabText,
    selectedColor: THEME.primary,
    backgroundColor: THEME.white,
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: STRINGS.tabs.home,
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/publicity/index',
        text: STRINGS.tabs.publicity,
        iconPath: 'assets/tab/publicity.png',
        selectedIconPath: 'assets/tab/publicity-active.png',
      },
      {
        pagePath: 'pages/listing/index',
        text: STRINGS.tabs.listing,
        iconPath: 'assets/tab/listing.png',
        selectedIconPath: 'assets/tab/listing-active.png',
      },
      {
        pagePath: 'pages/events/index',
        text: STRINGS.tabs.events,
        iconPath: 'assets/tab/events.png',
        selectedIconPath: 'assets/tab/events-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: STRINGS.tabs.me,
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
