import { useId, type ReactNode } from 'react'
import './form-field.css'

/** What the control must carry so the label, help and error are read with it. */
export interface FieldControlProps {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': true | undefined
  'aria-required': true | undefined
}

export interface FormFieldProps {
  label: ReactNode
  /** A stable id when a test or another element points at the control; generated otherwise. */
  id?: string
  help?: ReactNode
  /** Shown under the control and announced; the control is marked invalid while it is set. */
  error?: ReactNode
  required?: boolean
  className?: string
  /** Draws the control with the ids and aria attributes given. */
  children(control: FieldControlProps): ReactNode
}

/** A labelled control with its help and its error, tied together for a screen reader. */
export function FormField({
  label,
  id,
  help,
  error,
  required = false,
  className,
  children,
}: FormFieldProps) {
  const generated = useId()
  const controlId = id ?? generated
  const helpId = `${controlId}-help`
  const errorId = `${controlId}-error`
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ')
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={controlId} className={required ? 'required' : undefined}>
        {label}
      </label>
      {children({
        id: controlId,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-required': required ? true : undefined,
      })}
      {help ? (
        <p id={helpId} className="hint">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
