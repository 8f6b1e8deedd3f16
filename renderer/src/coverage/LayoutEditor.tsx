import { useState } from 'react'
import {
  DEFAULT_BATCH_LAYOUT,
  LAYOUT_VALUE_KEYS,
  type BatchColumn,
  type BatchLayout,
} from '@shared/coverage/batch-layout'
import type { NaunganStore } from '@/core/store/database'
import { saveLayout } from './coverage-repository'
import { useCoverageText, type NoticeText } from './use-coverage-text'
import { Notice } from '@/ui/Notice'

const FIXED = 'fixed:'

/**
 * The column layout of the batch file: heading and value per column, add / remove / reorder.
 * BPJS may change its collective-registration format, so the supervisor edits it here.
 */
export function LayoutEditor({
  store,
  layout,
  onChange,
}: {
  store: NaunganStore
  layout: BatchLayout
  onChange(layout: BatchLayout): void
}) {
  const { t, problem } = useCoverageText()
  const [notice, setNotice] = useState<NoticeText | null>(null)
  const columns = layout.columns

  const update = (index: number, column: BatchColumn) =>
    onChange({ ...layout, columns: columns.map((entry, i) => (i === index ? column : entry)) })
  const move = (index: number, by: -1 | 1) => {
    const next = [...columns]
    const target = index + by
    const [moved] = next.splice(index, 1)
    if (!moved || target < 0 || target > columns.length - 1) return
    next.splice(target, 0, moved)
    onChange({ ...layout, columns: next })
  }

  const save = async () => {
    const problems = await saveLayout(store, layout)
    setNotice(
      problems.length === 0
        ? { tone: 'success', text: t('layout.saved') }
        : { tone: 'error', text: problems.map(problem).join(' ') },
    )
  }

  return (
    <details className="enrolment-layout">
      <summary>{t('layout')}</summary>
      <p className="hint">{t('layoutHelp')}</p>
      <ol className="enrolment-layout-columns">
        {columns.map((column, index) => {
          const n = index + 1
          const isFixed = column.value.startsWith(FIXED)
          return (
            <li key={index} className="field-row">
              <label className="field">
                {t('layout.header', { n })}
                <input
                  value={column.header}
                  maxLength={60}
                  onChange={(event) => update(index, { ...column, header: event.target.value })}
                />
              </label>
              <label className="field">
                {t('layout.value', { n })}
                <select
                  aria-label={t('layout.value', { n })}
                  value={isFixed ? FIXED : column.value}
                  onChange={(event) =>
                    update(index, {
                      ...column,
                      value:
                        event.target.value === FIXED
                          ? `${FIXED}`
                          : (event.target.value as BatchColumn['value']),
                    })
                  }
                >
                  {LAYOUT_VALUE_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {t(`value.${key}`)}
                    </option>
                  ))}
                  <option value={FIXED}>{t('value.fixed')}</option>
                </select>
              </label>
              {isFixed ? (
                <label className="field">
                  {t('layout.fixed', { n })}
                  <input
                    value={column.value.slice(FIXED.length)}
                    maxLength={100}
                    onChange={(event) =>
                      update(index, { ...column, value: `${FIXED}${event.target.value}` })
                    }
                  />
                </label>
              ) : null}
              <div className="actions">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t('layout.up')}
                </button>
                <button
                  type="button"
                  disabled={index === columns.length - 1}
                  onClick={() => move(index, 1)}
                >
                  {t('layout.down')}
                </button>
                <button
                  type="button"
                  disabled={columns.length === 1}
                  onClick={() =>
                    onChange({ ...layout, columns: columns.filter((_, i) => i !== index) })
                  }
                >
                  {t('layout.remove')}
                </button>
              </div>
            </li>
          )
        })}
      </ol>
      <label className="field">
        {t('layout.delimiter')}
        <select
          value={layout.csvDelimiter ?? ','}
          onChange={(event) =>
            onChange(
              event.target.value === ';'
                ? { ...layout, csvDelimiter: ';' }
                : { columns: layout.columns },
            )
          }
        >
          <option value=",">{t('layout.delimiter.comma')}</option>
          <option value=";">{t('layout.delimiter.semicolon')}</option>
        </select>
      </label>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            onChange({
              ...layout,
              columns: [...columns, { header: `Kolom ${columns.length + 1}`, value: 'nik' }],
            })
          }
        >
          {t('layout.add')}
        </button>
        <button type="button" onClick={() => onChange(DEFAULT_BATCH_LAYOUT)}>
          {t('layout.default')}
        </button>
        <button type="button" onClick={() => void save()}>
          {t('layout.save')}
        </button>
      </div>
      {notice ? (
        <Notice kind={notice.tone} announce="status">
          {notice.text}
        </Notice>
      ) : null}
    </details>
  )
}
