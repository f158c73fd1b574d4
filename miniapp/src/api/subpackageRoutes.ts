import { registerRoutes } from './routeTable'

/**
 * The routes only subpackage code names (config/routeSplit.ts). The build prepends an import of
 * this module to every module under src/subpackages/ (config/subpackageRoutesLoader.js), so it is
 * registered before any subpackage page calls, and it lands in the subpackages, not the main package.
 */
registerRoutes(API_SUBPACKAGE_ROUTES)
