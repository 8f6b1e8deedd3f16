import { columnLettersOf } from '@shared/import/sheet'
import { FormField } from './FormField'

/**
 * The column choices of a sheet import (BPJS's answer, a monthly bill, a list of deaths): one
 * select per field, listing the sheet's columns as "B: NIK". A required field offers "Pilih
 * kolom…", an optional one "(tidak ada)". The caller guessed the first choice from the headings.
 */
export function ColumnMapping<Field extends string>({
  fields,
  header,
  mapping,
  required,
  labelOf,
  chooseLabel,
  noneLabel,
  onChange,
}: {
  fields: readonly Field[]
  header: readonly string[]
  mapping: Partial<Record<Field, number>>
  required: ReadonlySet<Field>
  labelOf(field: Field): string
  chooseLabel: string
  noneLabel: string
  onChange(mapping: Partial<Record<Field, number>>): void
}) {
  return (
    <>
      {fields.map((field) => (
        <FormField key={field} label={labelOf(field)} required={required.has(field)}>
          {(control) => (
            <select
              {...control}
              value={mapping[field] ?? ''}
              onChange={(event) => {
                const value = event.target.value
                const next = { ...mapping }
                if (value === '') delete next[field]
                else next[field] = Number(value)
                onChange(next)
              }}
            >
              <option value="">{required.has(field) ? chooseLabel : noneLabel}</option>
              {header.map((heading, index) => (
                <option key={index} value={index}>
                  {`${columnLettersOf(index)}: ${heading}`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ))}
    </>
  )
}
