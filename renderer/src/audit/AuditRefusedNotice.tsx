import { useEffect, useState } from 'react'
import { formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import { auditRefusals$, type AuditRefusals } from '@/core/store/audit-refusals'
import { auditText } from './audit-messages'
import { Notice } from '@/ui/Notice'

/**
 * "N catatan riwayat dari komputer ini ditolak server…", with each refusal's reason on request.
 * Shows nothing while there is none. For "Masalah sinkronisasi" and the audit search screen.
 */
export function AuditRefusedNotice({ store }: { store: NaunganStore }) {
  const { language } = useI18n()
  const [refusals, setRefusals] = useState<AuditRefusals | null>(null)

  useEffect(() => {
    const subscription = auditRefusals$(store).subscribe({
      next: setRefusals,
      error: () => setRefusals(null),
    })
    return () => subscription.unsubscribe()
  }, [store])

  if (!refusals || refusals.total === 0) return null
  return (
    <Notice kind="warning" as="div" data-testid="audit-refused">
      <p>{auditText(language, 'refused', { count: formatNumber(language, refusals.total) })}</p>
      <details>
        <summary>{auditText(language, 'refusedDetail')}</summary>
        <ul>
          {refusals.recent.map((refusal) => (
            <li key={refusal.id}>
              {formatDateTime(language, refusal.at)} — {refusal.message} ({refusal.code})
            </li>
          ))}
        </ul>
      </details>
    </Notice>
  )
}
