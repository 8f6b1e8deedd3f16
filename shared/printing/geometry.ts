/**
 * Layouts are designed in millimetres (the unit a clerk measures a card or a label sheet in);
 * pdfkit draws in points. Everything converts at the last moment, in one place.
 */
import { POINTS_PER_MM } from './print-model'

/** An axis-aligned box in millimetres, measured from the top-left corner of its page or card. */
export interface RectMm {
  x: number
  y: number
  width: number
  height: number
}

export function mmToPt(mm: number): number {
  return mm * POINTS_PER_MM
}

export function ptToMm(pt: number): number {
  return pt / POINTS_PER_MM
}

/** `rect` moved by `origin`: layouts describe a card or sticker from its own corner. */
export function offsetRect(rect: RectMm, origin: { x: number; y: number }): RectMm {
  return { x: rect.x + origin.x, y: rect.y + origin.y, width: rect.width, height: rect.height }
}

export function insetRect(rect: RectMm, inset: number): RectMm {
  return {
    x: rect.x + inset,
    y: rect.y + inset,
    width: Math.max(0, rect.width - 2 * inset),
    height: Math.max(0, rect.height - 2 * inset),
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
