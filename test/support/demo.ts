import { applicationWindow } from '@zlbg/shared'
import { demoCalls, type DemoCall } from '../../server/src/seed/demoCalls'

/**
 * The demo calls as the e2e globalSetup seeded them, recomputed from the clock it seeded at
 * (ZLBG_E2E_SEEDED_AT), so browser tests expect the seed's titles and dates on any day — even when a
 * run crosses midnight in Beijing.
 */
export function seededDemoCalls(): { open: DemoCall; closed: DemoCall; draft: DemoCall; openWindow: { opensAt: string; closesAt: string } } {
  const at = process.env.ZLBG_E2E_SEEDED_AT
  if (!at) throw new Error('ZLBG_E2E_SEEDED_AT is not set (e2e globalSetup)')
  const calls = demoCalls(new Date(at))
  const one = (state: DemoCall['state']) => calls.find((c) => c.state === state)!
  const open = one('published')
  return { open, closed: one('closed'), draft: one('draft'), openWindow: applicationWindow(open.input.schedule) }
}
