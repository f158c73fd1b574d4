/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Inlined by `defineConstants` in config/index.ts: the API origin, '' meaning same origin. */
declare const API_BASE_URL: string

/** Inlined by `defineConstants` in config/index.ts: each route's method and path, read from ROUTES at build time. */
declare const API_ROUTES: Record<import('@zlbg/shared').RouteName, { method: string; path: string }>

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    TARO_APP_API_BASE?: string
  }
}
