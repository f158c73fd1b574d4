import type { RouteName } from '@zlbg/shared'

/** A route as the build inlines it (config/routeSplit.ts): `'<method> <path>'`. */
export type RouteTable = Partial<Record<RouteName, string>>

export interface RouteEntry {
  method: string
  path: string
}

/**
 * The routes the client can call: the main package's table from the start, the subpackages' once
 * one of their modules has loaded (subpackageRoutes.ts). A name in neither is a bug of the build's
 * split, never something to guess around: it throws, so the page that made the call fails where
 * it is seen rather than sending a request somewhere.
 */
export function createRouteRegistry(main: RouteTable) {
  const tables: RouteTable[] = [main]
  return {
    register(table: RouteTable): void {
      if (!tables.includes(table)) tables.push(table)
    },
    routeOf(name: RouteName): RouteEntry {
      for (const table of tables) {
        const entry = table[name]
        if (entry !== undefined) {
          const space = entry.indexOf(' ')
          return { method: entry.slice(0, space), path: entry.slice(space + 1) }
        }
      }
      const message =
        `Route "${name}" is in no loaded route table: the main package's table holds only the routes named in ` +
        'its own code (miniapp/config/routeSplit.ts), and the subpackages\' table registers when a subpackage loads.'
      // A page's catch would show this as a generic failure; say what it is where developers look.
      if (process.env.NODE_ENV !== 'production') console.error(message)
      throw new Error(message)
    },
  }
}
