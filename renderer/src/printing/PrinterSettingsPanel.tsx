import { useState } from 'react'
import { clampCalibration } from '@shared/printing/calibration'
import type { StickerTemplate } from '@shared/printing/print-model'
import { validateStickerTemplate } from '@shared/printing/sticker-templates'
import { useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import { Notice } from '@/ui/Notice'
import { printText, type PrintMessageKey, type PrintText } from './print-messages'
import { savePrintSettings, type PrintSettings } from './print-settings'

/** "1,5" and "1.5" both mean one and a half: clerks type the Indonesian decimal comma. */
export function parseDecimal(text: string): number | null {
  const normalised = text.trim().replace(',', '.')
  if (!/^[-+]?\d{1,4}(\.\d{1,3})?$/.test(normalised)) return null
  return Number(normalised)
}

const decimalText = (value: number) => String(Math.round(value * 1000) / 1000)

const TEMPLATE_FIELDS = [
  ['pageWidthMm', 'custom.pageWidth'],
  ['pageHeightMm', 'custom.pageHeight'],
  ['rows', 'custom.rows'],
  ['columns', 'custom.columns'],
  ['marginTopMm', 'custom.marginTop'],
  ['marginLeftMm', 'custom.marginLeft'],
  ['gapXMm', 'custom.gapX'],
  ['gapYMm', 'custom.gapY'],
] as const satisfies readonly (readonly [keyof StickerTemplate, PrintMessageKey])[]

type TemplateField = (typeof TEMPLATE_FIELDS)[number][0]

const DEFAULT_CUSTOM: Record<TemplateField, number> = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  rows: 3,
  columns: 2,
  marginTopMm: 10,
  marginLeftMm: 10,
  gapXMm: 4,
  gapYMm: 4,
}

/**
 * Calibration (measured with the test page) and the office's own sticker sheet. Saved on this
 * PC: they describe the printer and the label stock on this desk.
 */
export function PrinterSettingsPanel({
  store,
  settings,
  onSaved,
  onTestPage,
  busy,
}: {
  store: NaunganStore
  settings: PrintSettings
  onSaved(settings: PrintSettings): void
  onTestPage(): void
  busy: boolean
}) {
  const { language } = useI18n()
  const t: PrintText = (key, values) => printText(language, key, values)
  const [offsetX, setOffsetX] = useState(decimalText(settings.calibration.offsetXMm))
  const [offsetY, setOffsetY] = useState(decimalText(settings.calibration.offsetYMm))
  const [scale, setScale] = useState(decimalText(settings.calibration.scale * 100))
  const [calibrationNotice, setCalibrationNotice] = useState<{ error: boolean; text: string }>()
  const [custom, setCustom] = useState<Record<TemplateField, string>>(() => {
    const source = settings.customTemplate ?? DEFAULT_CUSTOM
    return Object.fromEntries(
      TEMPLATE_FIELDS.map(([field]) => [field, decimalText(Number(source[field]))]),
    ) as Record<TemplateField, string>
  })
  const [templateNotice, setTemplateNotice] = useState<{ error: boolean; text: string }>()

  const saveCalibration = async () => {
    const values = [offsetX, offsetY, scale].map(parseDecimal)
    if (values.some((value) => value === null)) {
      setCalibrationNotice({ error: true, text: t('notANumber') })
      return
    }
    const [x, y, percent] = values as number[]
    const { calibration, wasClamped } = clampCalibration({
      offsetXMm: x!,
      offsetYMm: y!,
      scale: percent! / 100,
    })
    const next = { ...settings, calibration }
    await savePrintSettings(store, next)
    onSaved(next)
    setOffsetX(decimalText(calibration.offsetXMm))
    setOffsetY(decimalText(calibration.offsetYMm))
    setScale(decimalText(calibration.scale * 100))
    setCalibrationNotice({
      error: false,
      text: wasClamped ? t('settingsSavedClamped') : t('settingsSaved'),
    })
  }

  const saveTemplate = async () => {
    const numbers = TEMPLATE_FIELDS.map(([field]) => [field, parseDecimal(custom[field])] as const)
    if (numbers.some(([, value]) => value === null)) {
      setTemplateNotice({ error: true, text: t('notANumber') })
      return
    }
    const values = Object.fromEntries(numbers) as Record<TemplateField, number>
    const template: StickerTemplate = {
      id: 'custom',
      label: t('template.custom'),
      ...values,
    }
    const check = validateStickerTemplate(template)
    if (!check.ok) {
      setTemplateNotice({
        error: true,
        text: t('custom.invalid', {
          detail: check.problems.map((problem) => t(`problem.${problem}`)).join(' '),
        }),
      })
      return
    }
    const next = { ...settings, customTemplate: template }
    await savePrintSettings(store, next)
    onSaved(next)
    setTemplateNotice({ error: false, text: t('custom.saved') })
  }

  return (
    <details className="printer-settings">
      <summary>{t('settings.legend')}</summary>
      <fieldset disabled={busy}>
        <legend>{t('settings.calibration')}</legend>
        <p className="help">{t('settings.calibrationHelp')}</p>
        <div className="field-row">
          <label>
            {t('offsetX')}
            <input
              inputMode="decimal"
              value={offsetX}
              onChange={(e) => setOffsetX(e.target.value)}
            />
          </label>
          <label>
            {t('offsetY')}
            <input
              inputMode="decimal"
              value={offsetY}
              onChange={(e) => setOffsetY(e.target.value)}
            />
          </label>
          <label>
            {t('scale')}
            <input inputMode="decimal" value={scale} onChange={(e) => setScale(e.target.value)} />
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void saveCalibration()}>
            {t('saveSettings')}
          </button>
          <button type="button" onClick={onTestPage}>
            {t('testPage')}
          </button>
        </div>
        {calibrationNotice ? (
          <Notice kind={calibrationNotice.error ? 'error' : 'success'} inline>
            {calibrationNotice.text}
          </Notice>
        ) : null}
      </fieldset>
      <fieldset disabled={busy}>
        <legend>{t('custom.legend')}</legend>
        <div className="field-row">
          {TEMPLATE_FIELDS.map(([field, label]) => (
            <label key={field}>
              {t(label)}
              <input
                inputMode="decimal"
                value={custom[field]}
                onChange={(event) => setCustom({ ...custom, [field]: event.target.value })}
              />
            </label>
          ))}
        </div>
        <div className="actions">
          <button type="button" onClick={() => void saveTemplate()}>
            {t('custom.save')}
          </button>
        </div>
        {templateNotice ? (
          <Notice kind={templateNotice.error ? 'error' : 'success'} inline>
            {templateNotice.text}
          </Notice>
        ) : null}
      </fieldset>
    </details>
  )
}
