import { isDeceased } from '@shared/participant/death'
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import jsQR from 'jsqr'
import { bytesOfBase64Url, isEd25519PublicKey, verifyCardToken } from '@shared/cards/card-token'
import { judgeCard, type CardVerdict } from '@shared/cards/print-log'
import type { CardRevocationList } from '@shared/cards/card-revocations'
import { calendarDayAt } from '@shared/dates/clock'
import { district, localToday } from '@/core/district'
import { hrefOf } from '@/core/hash-route'
import { useI18n } from '@/core/i18n/i18n'
import {
  loadRevocationList,
  loadTrustedDistrictKeys,
  refreshDistrictCardKeys,
  trustDistrictKeys,
} from '@/printing/card-keys'
import type { NaunganStore } from '@/core/store/database'
import { getParticipant } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'
import { verdictText, type LocalParticipant } from './verdict-text'
import { formatCardDate, verifyText, type VerifyMessageKey } from './verify-messages'
import './card-check.css'

/** One frame every ~150 ms: quick enough to feel instant, idle enough for an old office PC. */
const SCAN_INTERVAL_MS = 150
/** jsQR's cost grows with pixels; a card held to the camera still has plenty of them at 640. */
const MAX_SCAN_WIDTH = 640
type Text = (key: VerifyMessageKey, params?: Record<string, string | number>) => string

/** The verdict itself, worded at render time so a language switch re-words it. */
interface Outcome {
  verdict: CardVerdict
  participant: LocalParticipant | null
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null

type CameraState = 'off' | 'starting' | 'scanning' | 'failed'

/**
 * "Verifikasi kartu": is this membership card or house sticker genuine, and still the valid one?
 * Works offline with the district public keys this PC trusts; the participant's print log, when
 * this PC holds the record, also tells whether the card was replaced.
 */
export function VerifyCardScreen({
  store,
  sync,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
}) {
  const { language } = useI18n()
  const text: Text = useCallback((key, params) => verifyText(language, key, params), [language])
  const [qrText, setQrText] = useState('')
  const [inputError, setInputError] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  // What was checked last, checked again when a key is saved.
  const [checked, setChecked] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [keyCount, setKeyCount] = useState<number | null>(null)
  // undefined: not loaded yet; null: this PC holds no verified list of revoked PCs.
  const [revocations, setRevocations] = useState<CardRevocationList | null | undefined>(undefined)
  const textAreaRef = useRef<HTMLTextAreaElement>(null)

  const refreshKeyCount = useCallback(async () => {
    const [keys, list] = await Promise.all([
      loadTrustedDistrictKeys(store),
      loadRevocationList(store),
    ])
    setKeyCount(keys.length)
    setRevocations(list ?? null)
    return keys.length
  }, [store])

  useEffect(() => {
    let isCurrent = true
    Promise.all([loadTrustedDistrictKeys(store), loadRevocationList(store)]).then(
      ([keys, list]) => {
        if (!isCurrent) return
        setKeyCount(keys.length)
        setRevocations(list ?? null)
      },
      () => isCurrent && setKeyCount(0),
    )
    return () => {
      isCurrent = false
    }
  }, [store])

  const verify = useCallback(
    async (raw: string) => {
      if (raw.trim() === '') {
        setInputError(text('emptyText'))
        setOutcome(null)
        return
      }
      setInputError(null)
      setChecking(true)
      try {
        const [keys, revocationList] = await Promise.all([
          loadTrustedDistrictKeys(store),
          loadRevocationList(store),
        ])
        setKeyCount(keys.length)
        setRevocations(revocationList ?? null)
        const check = verifyCardToken(raw, keys)
        const record = check.ok ? await getParticipant(store, check.claims.participantId) : null
        const verdict = judgeCard(check, {
          today: localToday(),
          printLog: record?.prints,
          ...(record ? { participantStatus: record.status } : {}),
          ...(record?.death && isDeceased(record) ? { dateOfDeath: record.death.date } : {}),
          ...(revocationList ? { revocations: revocationList } : {}),
        })
        const participant = record ? { id: record.id, fullName: record.fullName } : null
        setChecked(raw)
        setOutcome({ verdict, participant })
      } catch (error) {
        console.error('Card check failed:', error instanceof Error ? error.name : 'unknown')
        setOutcome(null)
        setInputError(text('checkFailed'))
      } finally {
        setChecking(false)
        // Ready for the next card: a scanner's next code replaces this one.
        textAreaRef.current?.select()
      }
    },
    [store, text],
  )

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void verify(qrText)
  }

  const onTextKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // A USB scanner "types" the code and ends with Enter; Ctrl+Enter checks like everywhere else.
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault()
      void verify(event.currentTarget.value)
    }
  }

  const onCode = useCallback(
    (code: string) => {
      setQrText(code)
      void verify(code)
    },
    [verify],
  )

  const onKeysChanged = useCallback(
    (count: number) => {
      setKeyCount(count)
      // The code that could not be checked a moment ago can be now.
      if (checked !== null) void verify(checked)
    },
    [checked, verify],
  )

  return (
    <section className="panel verify" aria-labelledby="verify-title">
      <h1 id="verify-title">{text('title')}</h1>
      <p className="hint">{text('intro')}</p>

      <form onSubmit={onSubmit} aria-label={text('title')}>
        <div className="field">
          <label htmlFor="verify-qr-text">{text('qrText')}</label>
          <textarea
            id="verify-qr-text"
            ref={textAreaRef}
            className="verify-qr-text"
            rows={3}
            value={qrText}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            aria-describedby="verify-qr-hint"
            aria-invalid={inputError ? true : undefined}
            onChange={(event) => setQrText(event.target.value)}
            onKeyDown={onTextKeyDown}
          />
          <p id="verify-qr-hint" className="hint">
            {text('qrTextHint')}
          </p>
          {inputError ? (
            <p className="field-error" role="alert">
              {inputError}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={checking}>
            {text('check')}
          </button>
        </div>
      </form>

      <CameraScanner text={text} onCode={onCode} />

      <div className="verify-result-area" role="status" aria-live="polite">
        {checking && !outcome ? <p>{text('checking')}</p> : null}
        {outcome ? <VerdictPanel outcome={outcome} text={text} /> : null}
      </div>

      <TrustedKeys
        store={store}
        sync={sync}
        text={text}
        keyCount={keyCount}
        revocations={revocations}
        refreshKeyCount={refreshKeyCount}
        onKeysChanged={onKeysChanged}
      />
    </section>
  )
}

function VerdictPanel({ outcome, text }: { outcome: Outcome; text: Text }) {
  const { language } = useI18n()
  const { participant } = outcome
  const verdict = verdictText(outcome.verdict, {
    language,
    participant,
    utcOffsetMinutes: district.utcOffsetMinutes,
  })
  return (
    <div className={`verify-result verify-${verdict.tone}`} data-tone={verdict.tone}>
      <h2 className="verify-title">
        <span className="verify-symbol" aria-hidden="true">
          {verdict.symbol}
        </span>{' '}
        {verdict.title}
      </h2>
      {verdict.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {participant && verdict.details.length > 0 ? (
        <p className="verify-participant">
          {text('fullName')}: <strong>{participant.fullName}</strong> —{' '}
          <a href={hrefOf({ screen: 'participant', id: participant.id, mode: 'view' })}>
            {text('openParticipant')}
          </a>
        </p>
      ) : null}
      {verdict.details.length > 0 ? (
        <dl className="detail-grid verify-details">
          {verdict.details.map((detail) => (
            <div key={detail.label}>
              <dt>{detail.label}</dt>
              <dd>{detail.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  )
}

/**
 * The camera, read with jsQR on downscaled frames. The stream is stopped as soon as a code is
 * read, on "Matikan kamera" or Esc, and whenever the screen goes away: a camera light left on is
 * a privacy worry for the person across the desk.
 */
function CameraScanner({ text, onCode }: { text: Text; onCode(code: string): void }) {
  const [state, setState] = useState<CameraState>('off')
  const videoRef = useRef<HTMLVideoElement>(null)
  const streamRef = useRef<MediaStream | null>(null)
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null)
  const canvasRef = useRef<HTMLCanvasElement | null>(null)
  // Bumped on every start and stop: a getUserMedia answer for an older attempt is closed at once.
  const attemptRef = useRef(0)
  const onCodeRef = useRef(onCode)
  useEffect(() => {
    onCodeRef.current = onCode
  }, [onCode])

  const release = useCallback(() => {
    attemptRef.current += 1
    if (timerRef.current !== null) clearTimeout(timerRef.current)
    timerRef.current = null
    streamRef.current?.getTracks().forEach((track) => track.stop())
    streamRef.current = null
    if (videoRef.current) videoRef.current.srcObject = null
  }, [])

  const stop = useCallback(() => {
    release()
    setState('off')
  }, [release])

  useEffect(() => release, [release])

  const readFrame = useCallback((): string | null => {
    const video = videoRef.current
    if (!video || video.readyState < video.HAVE_CURRENT_DATA || video.videoWidth === 0) return null
    const scale = Math.min(1, MAX_SCAN_WIDTH / video.videoWidth)
    const width = Math.max(1, Math.round(video.videoWidth * scale))
    const height = Math.max(1, Math.round(video.videoHeight * scale))
    const canvas = (canvasRef.current ??= document.createElement('canvas'))
    if (canvas.width !== width) canvas.width = width
    if (canvas.height !== height) canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return null
    context.drawImage(video, 0, 0, width, height)
    const image = context.getImageData(0, 0, width, height)
    // Printed cards are dark on light: skipping the inverted pass halves the work per frame.
    const code = jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })
    return code && code.data !== '' ? code.data : null
  }, [])

  const start = useCallback(async () => {
    release()
    const attempt = attemptRef.current
    setState('starting')
    let stream: MediaStream
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('NO_MEDIA_DEVICES')
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      })
    } catch (error) {
      if (attempt !== attemptRef.current) return
      console.warn('Camera unavailable:', error instanceof Error ? error.name : 'unknown')
      setState('failed')
      return
    }
    if (attempt !== attemptRef.current) {
      // Stopped (or the screen closed) while the browser was asking: do not keep the camera on.
      stream.getTracks().forEach((track) => track.stop())
      return
    }
    streamRef.current = stream
    const video = videoRef.current
    if (!video) {
      release()
      setState('off')
      return
    }
    video.srcObject = stream
    try {
      await video.play()
    } catch {
      // Autoplay of a muted camera preview is allowed; if play() is refused, frames still arrive.
    }
    if (attempt !== attemptRef.current) return
    setState('scanning')
    // A chain of timeouts, not an interval: a slow decode never piles frames up behind it.
    const tick = () => {
      if (attempt !== attemptRef.current) return
      let code: string | null = null
      try {
        code = readFrame()
      } catch {
        code = null
      }
      if (code !== null) {
        release()
        setState('off')
        onCodeRef.current(code)
        return
      }
      timerRef.current = setTimeout(tick, SCAN_INTERVAL_MS)
    }
    timerRef.current = setTimeout(tick, SCAN_INTERVAL_MS)
  }, [readFrame, release])

  const active = state === 'starting' || state === 'scanning'

  return (
    <div
      className="verify-camera"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && active) {
          event.preventDefault()
          stop()
        }
      }}
    >
      <div className="form-actions">
        {active ? (
          <button type="button" onClick={stop}>
            {text('stopCamera')}
          </button>
        ) : (
          <button type="button" onClick={() => void start()}>
            {text('scanWithCamera')}
          </button>
        )}
      </div>
      {state === 'starting' ? <p className="hint">{text('cameraStarting')}</p> : null}
      {state === 'scanning' ? <p className="hint">{text('cameraScanning')}</p> : null}
      {state === 'failed' ? (
        <p className="field-error" role="alert">
          {text('cameraFailed')}
        </p>
      ) : null}
      <video
        ref={videoRef}
        className="verify-video"
        hidden={!active}
        muted
        playsInline
        aria-label={text('cameraVideo')}
      />
    </div>
  )
}

function TrustedKeys({
  store,
  sync,
  text,
  keyCount,
  revocations,
  refreshKeyCount,
  onKeysChanged,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
  text: Text
  keyCount: number | null
  revocations: CardRevocationList | null | undefined
  refreshKeyCount(): Promise<number>
  onKeysChanged(count: number): void
}) {
  const { language } = useI18n()
  const [keyText, setKeyText] = useState('')
  const [feedback, setFeedback] = useState<Feedback>(null)
  const [busy, setBusy] = useState(false)
  // Collapsed unless the clerk opens it, or open by itself while no key is saved: without one
  // the screen cannot tell anything.
  const [openChoice, setOpenChoice] = useState<boolean | null>(null)
  const hasNoKey = keyCount === 0
  const open = openChoice ?? hasNoKey

  const saveKeys = async (keys: string[], savedMessage: 'keySaved' | 'refreshDone') => {
    const before = keyCount ?? 0
    await trustDistrictKeys(store, keys)
    const after = await refreshKeyCount()
    setFeedback({
      kind: 'ok',
      text: after === before ? text('keyAlreadyTrusted') : text(savedMessage, { count: after }),
    })
    onKeysChanged(after)
  }

  const onSave = async (event: FormEvent) => {
    event.preventDefault()
    // Copies from e-mail or chat carry spaces, line breaks or base64 padding: none of it matters.
    const keys = keyText
      .split(/[\s,;]+/)
      .map((part) => part.replace(/=+$/, ''))
      .filter((part) => part !== '')
    if (keys.length === 0) {
      setFeedback({ kind: 'error', text: text('keyEmpty') })
      return
    }
    if (!keys.every((key) => isEd25519PublicKey(bytesOfBase64Url(key)))) {
      setFeedback({ kind: 'error', text: text('keyInvalid') })
      return
    }
    setBusy(true)
    try {
      await saveKeys(keys, 'keySaved')
      setKeyText('')
    } catch (error) {
      console.error('Saving card keys failed:', error instanceof Error ? error.name : 'unknown')
      setFeedback({ kind: 'error', text: text('keySaveFailed') })
    } finally {
      setBusy(false)
    }
  }

  const baseUrl = sync?.session.baseUrl
  const onRefresh = async () => {
    if (!baseUrl) return
    if (!navigator.onLine) {
      setFeedback({ kind: 'error', text: text('refreshOffline') })
      return
    }
    setBusy(true)
    setFeedback({ kind: 'ok', text: text('refreshing') })
    try {
      const before = keyCount ?? 0
      await refreshDistrictCardKeys(store, baseUrl)
      const after = await refreshKeyCount()
      setFeedback({
        kind: 'ok',
        text: after === before ? text('keyAlreadyTrusted') : text('refreshDone', { count: after }),
      })
      onKeysChanged(after)
    } catch {
      setFeedback({ kind: 'error', text: text('refreshFailed') })
    } finally {
      setBusy(false)
    }
  }

  // Opening the screen online fetches the keys and the list of revoked PCs once, quietly: a PC
  // that verifies cards learns of a revoked PC without anyone remembering the button.
  useEffect(() => {
    if (!baseUrl || !navigator.onLine) return
    let isCurrent = true
    refreshDistrictCardKeys(store, baseUrl).then(
      () => isCurrent && void refreshKeyCount(),
      () => undefined,
    )
    return () => {
      isCurrent = false
    }
  }, [baseUrl, store, refreshKeyCount])

  return (
    <section className="verify-keys" aria-labelledby="verify-keys-title">
      <h2 id="verify-keys-title">{text('keysHeading')}</h2>
      {hasNoKey ? <p className="field-warning verify-no-keys">{text('noKeys')}</p> : null}
      <p className="hint" data-testid="trusted-key-count">
        {keyCount === null ? '…' : text('trustedCount', { count: keyCount })}
      </p>
      <p className="hint" data-testid="revocation-list-age">
        {revocations === undefined
          ? '…'
          : revocations === null
            ? text('noRevocationList')
            : text('revocationListAge', {
                date: formatCardDate(
                  language,
                  calendarDayAt(new Date(revocations.issuedAt), district.utcOffsetMinutes),
                ),
                count: revocations.revoked.length,
              })}
      </p>
      <div role="status" aria-live="polite">
        {feedback ? (
          <p className={feedback.kind === 'ok' ? 'saved' : 'field-error'}>{feedback.text}</p>
        ) : null}
      </div>
      <details
        open={open}
        onToggle={(event) => {
          const isOpen = event.currentTarget.open
          if (isOpen !== open) setOpenChoice(isOpen)
        }}
      >
        <summary>{text('addKeySummary')}</summary>
        <form onSubmit={(event) => void onSave(event)} aria-label={text('addKeySummary')}>
          <div className="field">
            <label htmlFor="verify-district-key">{text('keyField')}</label>
            <input
              id="verify-district-key"
              value={keyText}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="verify-district-key-hint"
              onChange={(event) => setKeyText(event.target.value)}
            />
            <p id="verify-district-key-hint" className="hint">
              {text('keyFieldHint')}
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {text('saveKey')}
            </button>
            {sync ? (
              <button type="button" disabled={busy} onClick={() => void onRefresh()}>
                {text('refreshFromServer')}
              </button>
            ) : null}
          </div>
        </form>
      </details>
    </section>
  )
}
