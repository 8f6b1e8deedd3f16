import { officeCodeOf, type OfficeProfile } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'
import type { WorkflowContext } from '@/workflow/workflow-repository'
import { actorOf } from './queue-model'

/**
 * Who acts in the workflow, and from where (for the history): the signed-in user and the office
 * the PC is enrolled in; on a standalone PC, the operator named in the office settings.
 */
export function workflowContextOf(
  sync: SyncContextValue | null,
  office: OfficeProfile,
): WorkflowContext {
  if (!sync) {
    return {
      actor: actorOf(null, office.operatorName),
      officeCode: officeCodeOf(office),
      deviceId: '',
    }
  }
  return {
    actor: actorOf(
      {
        role: sync.user.role,
        displayName: sync.user.displayName,
        officeAgencyCode: sync.enrolment.office.agencyCode,
      },
      office.operatorName,
    ),
    officeCode: sync.enrolment.office.code,
    deviceId: sync.enrolment.deviceId,
  }
}
