/** What reading the file noticed (an unclosed quote, a fallback encoding), above each step. */
import type { FileWarning } from '@shared/import/import-table'
import { Notice } from '@/ui/Notice'
import type { ImportText } from './use-import-wizard'

export function FileWarnings({ warnings, t }: { warnings: readonly FileWarning[]; t: ImportText }) {
  return (
    <>
      {warnings.map((warning) => (
        <Notice key={warning.code} kind="warning">
          {warning.code === 'CSV_UNCLOSED_QUOTE'
            ? t('warning.CSV_UNCLOSED_QUOTE', { row: warning.row })
            : t('warning.ENCODING_FALLBACK')}
        </Notice>
      ))}
    </>
  )
}
