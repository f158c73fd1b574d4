/**
 * Colours that have to be passed as values (tab bar, NutUI props) rather than CSS. Keep in step
 * with the custom properties in app.css.
 */
export const THEME = {
  primary: '#1a5aa8',
  textTertiary: '#86909c',
  warning: '#c25400',
  success: '#0e7a3e',
  danger: '#c0392b',
  tabText: '#6b7280',
  mutedBackground: '#eef0f3',
  background: '#f4f6fa',
  white: '#ffffff',
} as const
