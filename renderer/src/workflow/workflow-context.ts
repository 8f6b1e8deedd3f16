/**
 * Who moves a candidate through the workflow, and from where: read by the steps
 * (`workflow-repository.ts`) and by the history they write (`workflow-history.ts`), so it lives
 * below both.
 */
import type { Actor } from '@shared/workflow/workflow'

/** Who acts, and from where (for the history). */
export interface WorkflowContext {
  actor: Actor
  officeCode: string
  deviceId: string
  now?: Date
}
