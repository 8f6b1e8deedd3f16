import { useCallback, useEffect, useState, type FormEvent } from 'react'
import {
  MIN_RESCUE_PASSPHRASE,
  openRescueFile,
  rescueLabelOf,
  sealRescueFile,
  type RescueContents,
} from '@shared/rescue/rescue-file'
import {
  MAX_RESCUE_AUDIT,
  MAX_RESCUE_RECORDS,
  RESCUE_PATH,
  type RescueImportRequest,
  type RescueImportResponse,
} from '@shared/sync/sync-protocol'
import { district, districtDayOf } from '@/core/district'
import { formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import { useApp } from '@/core/app-context'
import { Notice } from '@/ui/Notice'
import type { SyncContextValue } from '@/sync/sync-context'
import { currentTime } from '@shared/dates/clock'
import { collectRescueContents } from './rescue-export'
import { rescueText, type RescueMessageKey } from './rescue-messages'

type Note = { kind: 'success' | 'error' | 'info'; text: string; details?: string[] }

/**
 * Pengaturan of an enrolled PC, for supervisors and admins: save this PC's unsent records into a
 * rescue file, or import another PC's file to the server (docs/operations.md, "A PC that cannot
 * sync").
 */
export function RescuePanel({ sync }: { sync: SyncContextValue }) {
  const { language } = useI18n()
  const t = useCallback(
    (key: RescueMessageKey, values?: Record<string, string | number>) =>
      rescueText(language, key, values),
    [language],
  )
  if (sync.user.role !== 'supervisor' && sync.user.role !== 'admin') return null
  return (
    <section className="panel narrow" aria-labelledby="rescue-title" data-testid="rescue-panel">
      <h2 id="rescue-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      <ExportForm sync={sync} t={t} />
      <ImportForm sync={sync} t={t} />
    </section>
  )
}

type Text = (key: RescueMessageKey, values?: Record<string, string | number>) => string

function ExportForm({ sync, t }: { sync: SyncContextValue; t: Text }) {
  const { store } = useApp()
  const { language } = useI18n()
  const [counts, setCounts] = useState<{ records: number; entries: number } | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [again, setAgain] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<Note | null>(null)

  useEffect(() => {
    let isCurrent = true
    void collectRescueContents(store, sync).then(
      (contents) => {
        if (isCurrent) {
          setCounts({ records: contents.participants.length, entries: contents.audit.length })
        }
      },
      () => undefined,
    )
    return () => {
      isCurrent = false
    }
  }, [store, sync])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (passphrase.length < MIN_RESCUE_PASSPHRASE) {
      setNote({ kind: 'error', text: t('passphraseShort') })
      return
    }
    if (passphrase !== again) {
      setNote({ kind: 'error', text: t('passphraseDiffer') })
      return
    }
    setBusy(true)
    setNote(null)
    try {
      const contents = await collectRescueContents(store, sync)
      const sealed = await sealRescueFile(contents, passphrase)
      const name = `naungan-${sync.enrolment.office.code}-${districtDayOf(currentTime())}.naungan-rescue`
      const result = await getPlatform().saveFile({
        suggestedName: name,
        mimeType: 'application/json',
        data: new TextEncoder().encode(sealed),
      })
      setNote(
        result.saved
          ? { kind: 'success', text: t('saved', { name }) }
          : { kind: 'error', text: t('saveCancelled') },
      )
      if (result.saved) {
        setPassphrase('')
        setAgain('')
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h3>{t('exportTitle')}</h3>
      {counts ? (
        <p data-testid="rescue-counts">
          {t('exportCount', {
            records: formatNumber(language, counts.records),
            entries: formatNumber(language, counts.entries),
          })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="rescue-passphrase">{t('passphrase')}</label>
        <input
          id="rescue-passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="rescue-passphrase-again">{t('passphraseAgain')}</label>
        <input
          id="rescue-passphrase-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(event) => setAgain(event.target.value)}
        />
      </div>
      <p className="hint">{t('passphraseHint')}</p>
      <button type="submit" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
      {note ? (
        <Notice kind={note.kind} inline>
          {note.text}
        </Notice>
      ) : null}
    </form>
  )
}

function ImportForm({ sync, t }: { sync: SyncContextValue; t: Text }) {
  const { language } = useI18n()
  const [text, setText] = useState<string | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<Note | null>(null)
  const label = text ? rescueLabelOf(text) : null

  const pick = async (file: File | undefined) => {
    setNote(null)
    setText(null)
    if (!file) return
    const read = await file.text()
    if (!rescueLabelOf(read)) {
      setNote({ kind: 'error', text: t('notRescueFile') })
      return
    }
    setText(read)
  }

  const send = async (contents: RescueContents) => {
    const total = contents.participants.length
    const sum = { written: 0, merged: 0, held: 0, entries: 0 }
    const refused: string[] = []
    const parts = Math.max(
      Math.ceil(total / MAX_RESCUE_RECORDS),
      Math.ceil(contents.audit.length / MAX_RESCUE_AUDIT),
      1,
    )
    for (let part = 0; part < parts; part++) {
      setNote({
        kind: 'info',
        text: t('importing', {
          done: formatNumber(language, Math.min(part * MAX_RESCUE_RECORDS, total)),
          total: formatNumber(language, total),
        }),
      })
      const request: RescueImportRequest = {
        deviceId: contents.device.id,
        participants: contents.participants.slice(
          part * MAX_RESCUE_RECORDS,
          (part + 1) * MAX_RESCUE_RECORDS,
        ),
        audit: contents.audit.slice(part * MAX_RESCUE_AUDIT, (part + 1) * MAX_RESCUE_AUDIT),
      }
      const answer = await sync.session.json<RescueImportResponse>(RESCUE_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
      })
      sum.written += answer.written
      sum.merged += answer.merged
      sum.held += answer.alreadyHeld
      sum.entries += answer.auditStored
      const names = new Map(request.participants.map((entry) => [entry.state.id, entry.state]))
      for (const entry of answer.refused) {
        const doc = names.get(entry.id)
        refused.push(
          `${doc ? `${doc.fullName} (${doc.registrationNumber})` : entry.id}: ${entry.message}`,
        )
      }
    }
    const done = t('imported', {
      written: formatNumber(language, sum.written),
      merged: formatNumber(language, sum.merged),
      held: formatNumber(language, sum.held),
      entries: formatNumber(language, sum.entries),
    })
    setNote(
      refused.length > 0
        ? {
            kind: 'error',
            text: `${done} ${t('importRefused', { count: formatNumber(language, refused.length) })}`,
            details: refused,
          }
        : { kind: 'success', text: done },
    )
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!text) return
    setBusy(true)
    try {
      const opened = await openRescueFile(text, passphrase)
      if (!opened.ok) {
        setNote({
          kind: 'error',
          text: t(opened.reason === 'NOT_RESCUE_FILE' ? 'notRescueFile' : 'wrongPassphrase'),
        })
        return
      }
      if (opened.contents.district !== district.nikRegencyCode) {
        setNote({ kind: 'error', text: t('otherDistrict', { district: opened.contents.district }) })
        return
      }
      await send(opened.contents)
    } catch (error) {
      setNote({
        kind: 'error',
        text: t('importFailed', { message: String((error as Error).message) }),
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('importTitle')}</h3>
      <p className="hint">{t('importIntro')}</p>
      <div className="field">
        <label htmlFor="rescue-file">{t('file')}</label>
        <input
          id="rescue-file"
          type="file"
          accept=".naungan-rescue,application/json"
          onChange={(event) => void pick(event.target.files?.[0])}
        />
      </div>
      {label ? (
        <p data-testid="rescue-label">
          {t('fromPc', {
            device: label.device,
            office: label.officeCode,
            at: formatDateTime(language, label.exportedAt),
            records: formatNumber(language, label.records),
          })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="rescue-import-passphrase">{t('importPassphrase')}</label>
        <input
          id="rescue-import-passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </div>
      <button type="submit" disabled={busy || !text}>
        {t('import')}
      </button>
      {note ? (
        <Notice kind={note.kind} inline as="div">
          <p data-testid="rescue-result">{note.text}</p>
          {note.details ? (
            <ul>
              {note.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </form>
  )
}
