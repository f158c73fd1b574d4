import { createRouteRegistry } from './routeRegistry'

/**
 * The routes' methods and paths, inlined at build time (config/index.ts, config/routeSplit.ts):
 * API_ROUTES holds only the routes the main package's own code names, so that routes only
 * subpackage pages call weigh on their subpackages, not on the weapp main package; those arrive
 * through subpackageRoutes.ts. The define pastes the table wherever its name appears, so it is read
 * here once.
 */
const registry = createRouteRegistry(API_ROUTES)

export const routeOf = registry.routeOf
export const registerRoutes = registry.register
