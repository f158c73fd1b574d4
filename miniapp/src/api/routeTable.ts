/**
 * The routes' methods and paths, as config/index.ts defines API_ROUTES. The define pastes the whole
 * table wherever the name appears, so every module reads it from here: one copy in the bundle, not
 * one per use (two copies cost the main package some 7 KB).
 */
export const ROUTE_TABLE = API_ROUTES
