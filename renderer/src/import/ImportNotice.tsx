/** The last step's outcome, and the records that stopped an undo (each a link to open it). */
import { formatDateTime } from '@/core/i18n/i18n'
import { Notice } from '@/ui/Notice'
import type { ImportWizard } from './use-import-wizard'

export function ImportNotice({ wizard }: { wizard: ImportWizard }) {
  const { t, language, notice, changedRecords } = wizard
  return (
    <>
      {notice ? <Notice kind={notice.tone}>{notice.text}</Notice> : null}
      {changedRecords.length > 0 ? (
        <ul>
          {changedRecords.map((record) => (
            <li key={record.id}>
              <a href={`#/peserta/${record.id}`}>
                {t('changedBy', {
                  number: record.registrationNumber,
                  name: record.fullName,
                  by: record.updatedBy,
                  at: formatDateTime(language, record.updatedAt),
                })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
