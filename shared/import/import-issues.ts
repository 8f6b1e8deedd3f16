/**
 * What can be wrong with one row of an import file, as codes (STYLE habit 12), and the words a
 * clerk reads for each (import-row-messages.ts). NIK, KK and registration-form problems keep the
 * codes and messages of the form (`shared/messages/issue-messages.ts`), so a bad NIK reads the
 * same in an import report as on the registration screen.
 */
import { isIssueCode, type IssueCode, type IssueSeverity } from '../issues/issue'
import { maskNik } from '../identity/masking'
import { describeIssue } from '../messages/issue-messages'
import { format } from '../i18n/format'
import type { Language } from '../i18n/language'
import type { ExistingMemberProblem } from '../coverage/existing-members'
import {
  existingMemberMessagesEn,
  existingMemberMessagesId,
} from '../coverage/existing-member-messages'
import { TARGET_FIELD_LABELS, type TargetField } from './import-fields'
import { importRowMessagesId, importRowText, type ImportRowMessageKey } from './import-row-messages'

export const IMPORT_ISSUE_CODES = [
  'NIK_AS_NUMBER',
  'KK_AS_NUMBER',
  'DUPLICATE_IN_FILE',
  'DATE_UNREADABLE',
  'SEX_UNKNOWN',
  'VILLAGE_NOT_FOUND',
  'VILLAGE_AMBIGUOUS',
  'VILLAGE_NOT_IN_KECAMATAN',
  'KECAMATAN_NOT_FOUND',
  'KECAMATAN_AMBIGUOUS',
  'RESULT_UNKNOWN',
  'REASON_MISSING',
  'REASON_UNKNOWN',
  'NOTE_MISSING',
  'NAME_DIFFERS',
  'KPJ_EMPTY',
  'KPJ_INVALID',
  'KPJ_TOO_LONG',
  'KPJ_EXCEL_NUMBER',
  'START_INVALID',
  'START_AFTER_BUDGET_YEAR',
  'START_BEFORE_BIRTH',
  'OCCUPATION_UNKNOWN',
  'DECILE_INVALID',
  'SNAPSHOT_DATE_INVALID',
  'SNAPSHOT_DATE_DIFFERS',
] as const
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number]

export type RowIssueCode = ImportIssueCode | IssueCode

export interface RowIssue {
  severity: IssueSeverity
  code: RowIssueCode
  field: TargetField
  params?: Readonly<Record<string, string | number>>
}

type ExistingMemberCode = ExistingMemberProblem['code']
type OwnIssueCode = Exclude<ImportIssueCode, ExistingMemberCode>

// Every import issue has words: its own (`issue.<code>`), or an existing member's problem.
const _everyIssueWorded: Record<`issue.${OwnIssueCode}`, string> = importRowMessagesId
void _everyIssueWorded

const EXISTING_MEMBER_MESSAGES = { id: existingMemberMessagesId, en: existingMemberMessagesEn }

/** The import's own words where it has them (its START_INVALID names every date form it reads). */
function issueText(issue: RowIssue, language: Language): string {
  const key = `issue.${issue.code}`
  if (key in importRowMessagesId) {
    return importRowText(language, key as ImportRowMessageKey, issue.params)
  }
  const template = EXISTING_MEMBER_MESSAGES[language][issue.code as ExistingMemberCode]
  return format(template, issue.params, language)
}

const MAX_SHOWN_VALUE = 60

/** A cell's text as a message may quote it: short, and never a full identity number. */
export function quotedValue(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim()
  const short = text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text
  return maskLongDigitRuns(short)
}

function maskLongDigitRuns(text: string): string {
  return text.replace(/\d{16,}/g, (digits) => (digits.length === 16 ? maskNik(digits) : '****'))
}

/** One issue in the chosen language: the field, then what is wrong. */
export function describeRowIssue(issue: RowIssue, language: Language): string {
  const label = TARGET_FIELD_LABELS[issue.field][language]
  if (isIssueCode(issue.code)) {
    return `${label}: ${describeIssue({ code: issue.code, ...(issue.params ? { params: issue.params } : {}) }, language)}`
  }
  return maskLongDigitRuns(issueText(issue, language))
}

/** "Kolom NIK tidak ada di berkas.": said before the dry run, when a required column is missing. */
export function describeMissingColumns(
  missing: readonly TargetField[],
  language: Language,
): string {
  const names = missing.map((field) => TARGET_FIELD_LABELS[field][language])
  const list =
    names.length <= 1
      ? (names[0] ?? '')
      : importRowText(language, 'list.last', {
          rest: names.slice(0, -1).join(', '),
          last: names[names.length - 1],
        })
  return importRowText(language, 'missingColumns', { list })
}
