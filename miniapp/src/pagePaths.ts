/**
 * The page paths live in shared/ (the server's notices link to them too). Imported from the file
 * itself, not the package index: app.config.ts is bundled at build time and needs the paths alone.
 */
export { ANNOUNCEMENT_SUBPACKAGE, APPROVER_SUBPACKAGE, EVENT_SUBPACKAGE, EXPERT_SUBPACKAGE, LISTED_SUBPACKAGE, OBJECTION_SUBPACKAGE, OFFICE_SUBPACKAGE, ORG_SUBPACKAGE, PAGES, TAB_PAGES } from '@zlbg/shared/src/pagePaths'
