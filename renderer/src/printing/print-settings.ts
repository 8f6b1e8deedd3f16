/**
 * Printer settings of this PC: the calibration measured with the test page and the office's own
 * sticker template. They describe the printer on this desk, so they stay on this PC (a local
 * RxDB document, not synced) and survive restarts.
 */
import {
  NO_CALIBRATION,
  type PrinterCalibration,
  type StickerTemplate,
} from '@shared/printing/print-model'
import type { NaunganStore } from '@/core/store/database'

const PRINT_SETTINGS_DOC = 'print-settings'

export interface PrintSettings {
  calibration: PrinterCalibration
  /** The "custom" sticker template, once the office described its label stock. */
  customTemplate: StickerTemplate | null
}

export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  calibration: NO_CALIBRATION,
  customTemplate: null,
}

const finite = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

export async function loadPrintSettings(store: NaunganStore): Promise<PrintSettings> {
  const doc = await store.db.getLocal<PrintSettings>(PRINT_SETTINGS_DOC)
  const data = doc?.toJSON().data as Partial<PrintSettings> | undefined
  if (!data) return DEFAULT_PRINT_SETTINGS
  const calibration = data.calibration ?? NO_CALIBRATION
  return {
    calibration: {
      offsetXMm: finite(calibration.offsetXMm, 0),
      offsetYMm: finite(calibration.offsetYMm, 0),
      scale: finite(calibration.scale, 1),
    },
    customTemplate: data.customTemplate ?? null,
  }
}

export async function savePrintSettings(
  store: NaunganStore,
  settings: PrintSettings,
): Promise<void> {
  await store.db.upsertLocal<PrintSettings>(PRINT_SETTINGS_DOC, settings)
}
