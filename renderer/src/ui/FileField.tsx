import type { ReactNode } from 'react'
import { FormField } from './FormField'

/** What a clerk may pick where a spreadsheet is read: CSV (or text) and XLSX. */
export const SPREADSHEET_FILES =
  '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A labelled file picker; `onPick` gets the file chosen, or undefined when the choice is cleared. */
export function FileField({
  label,
  accept = SPREADSHEET_FILES,
  onPick,
}: {
  label: ReactNode
  accept?: string
  onPick(file: File | undefined): void
}) {
  return (
    <FormField label={label}>
      {(control) => (
        <input
          {...control}
          type="file"
          accept={accept}
          onChange={(event) => onPick(event.target.files?.[0])}
        />
      )}
    </FormField>
  )
}
