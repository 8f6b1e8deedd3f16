import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { queueText } from './queue-messages'
import { queueModeOf } from './queue-model'
import { SupervisorQueue } from './SupervisorQueue'
import { useSubmittedRecords } from './use-submitted-records'
import { VerifierQueue } from './VerifierQueue'
import { Notice } from '@/ui/Notice'
import { ErrorState, LoadingState } from '@/ui/States'
import './queue.css'

/**
 * "Pemeriksaan" (Alt+8): an agency verifier's queue of records waiting for their agency's check,
 * or the supervisor's approval list. Works on this PC's store, so it works offline; every decision
 * is a local write the sync controller pushes, and the server applies the same rules again.
 */
export function VerificationQueueScreen({
  store,
  sync,
}: {
  store: NaunganStore
  sync: SyncContextValue
}) {
  const { language } = useI18n()
  const { office } = useApp()
  const actor = actingUserOf(office, sync)
  const mode = queueModeOf(actor)
  const submitted = useSubmittedRecords(store)

  if (mode.kind === 'none') {
    return (
      <section className="panel">
        <h1>{queueText(language, 'title.none')}</h1>
        <Notice kind="info" announce="status" as="p">
          {queueText(language, `none.${mode.reason}`)}
        </Notice>
      </section>
    )
  }
  if (submitted.phase !== 'loaded') {
    return (
      <section className="panel">
        <h1>
          {mode.kind === 'supervisor'
            ? queueText(language, 'title.supervisor')
            : queueText(language, 'title.none')}
        </h1>
        {submitted.phase === 'loading' ? (
          <LoadingState>{queueText(language, 'loading')}</LoadingState>
        ) : (
          <ErrorState>{queueText(language, 'loadFailed')}</ErrorState>
        )}
      </section>
    )
  }
  return (
    <section className="panel wide queue-screen" data-queue={mode.kind}>
      {mode.kind === 'verifier' ? (
        <VerifierQueue
          store={store}
          agency={mode.agency}
          actor={actor}
          records={submitted.records}
        />
      ) : (
        <SupervisorQueue store={store} actor={actor} records={submitted.records} />
      )}
    </section>
  )
}
