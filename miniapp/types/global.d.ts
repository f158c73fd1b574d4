/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Inlined by `defineConstants` in config/index.ts: the API origin, '' meaning same origin. */
declare const API_BASE_URL: string

/**
 * Inlined by `defineConstants` in config/index.ts: `'<method> <path>'` of each route the main
 * package's code names (config/routeSplit.ts); read through src/api/routeTable.ts only.
 */
declare const API_ROUTES: Partial<Record<import('@zlbg/shared').RouteName, string>>

/** The same for every other route; registered by src/api/subpackageRoutes.ts, which only subpackage code loads. */
declare const API_SUBPACKAGE_ROUTES: Partial<Record<import('@zlbg/shared').RouteName, string>>

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    TARO_APP_API_BASE?: string
  }
}
