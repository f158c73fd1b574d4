import { organizationNameMachine } from '@zlbg/shared'
import type { Models } from '../models'

/**
 * The name review of an organization (shared/src/workflow/organizationName.ts): its state is the
 * organization's `nameReview`; steps are audited as the organization's.
 */
export const organizationNameResource = (models: Models) => ({
  models,
  model: models.Organization,
  machine: organizationNameMachine,
  resourceType: 'organization',
  stateField: 'nameReview',
  notFound: 'ORGANIZATION_NOT_FOUND' as const,
})
