import { useEffect, useState } from 'react'

/**
 * The width from which the H5 workbench switches to its desktop layout (side navigation, tables,
 * material beside the decision). desktop.css caps the root font size at the same width.
 */
export const DESKTOP_MIN_WIDTH = 960

const QUERY = `(min-width: ${DESKTOP_MIN_WIDTH}px)`

/** The one place that asks which layout applies: the mini-program is always a phone. */
function desktopNow(): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return false
  return window.matchMedia(QUERY).matches
}

/** True while the H5 build runs in a window at least DESKTOP_MIN_WIDTH wide; follows resizing. */
export function useDesktop(): boolean {
  const [desktop, setDesktop] = useState(desktopNow)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return undefined
    const media = window.matchMedia(QUERY)
    const follow = () => setDesktop(media.matches)
    follow()
    media.addEventListener('change', follow)
    return () => media.removeEventListener('change', follow)
  }, [])
  return desktop
}
