import type { HTMLAttributes, ReactNode } from 'react'
import './notice.css'

export type NoticeKind = 'success' | 'info' | 'warning' | 'error'

/**
 * How a notice is announced. An error interrupts (role=alert); anything else waits its turn
 * (role=status). `none` is for a notice already inside a live region, or one that is part of the
 * page from the start (a screen reader reads it with the page; announcing it again is noise).
 */
export type NoticeAnnounce = 'status' | 'alert' | 'none'

export interface NoticeProps extends Omit<HTMLAttributes<HTMLElement>, 'role' | 'title'> {
  kind: NoticeKind
  /** A heading for a notice of more than one line. */
  title?: ReactNode
  /** Defaults to `alert` for errors and `status` for the rest. */
  announce?: NoticeAnnounce
  /** A line of coloured text (under a field, beside a button) instead of a box. */
  inline?: boolean
  /** `p` for a line of text; `div` when the children hold paragraphs, lists or buttons (and always with a title). */
  as?: 'p' | 'div' | 'span'
  children?: ReactNode
}

/** The one way to say "Tersimpan", a warning or an error: same look, same announcement. */
export function Notice({
  kind,
  title,
  announce = kind === 'error' ? 'alert' : 'status',
  inline = false,
  as,
  className,
  children,
  ...rest
}: NoticeProps) {
  // A title makes it a block of its own: a heading line and the body under it.
  const Element = title ? 'div' : (as ?? 'p')
  const classes = ['notice', `notice-${kind}`, inline ? 'notice-inline' : null, className]
    .filter(Boolean)
    .join(' ')
  return (
    <Element {...rest} className={classes} role={announce === 'none' ? undefined : announce}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </Element>
  )
}
