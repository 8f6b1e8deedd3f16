import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { IntegrationKeyInfo } from '@shared/integration/integration-api'
import {
  INTEGRATION_FIELD_GROUP_NAMES,
  type IntegrationFieldGroup,
} from '@shared/integration/integration-scopes'
import { district } from '@/core/district'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import { Notice } from '@/ui/Notice'
import { adminErrorText, type AdminApi } from './admin-api'
import type { AdminMessageKey } from './admin-messages'

type Text = (key: AdminMessageKey, params?: Record<string, string | number>) => string

/**
 * Administrasi → Kunci integrasi (docs/integration.md): the admin makes a read-only key for
 * another district system — its data groups and kecamatan — sees its token once, and revokes it.
 */
export function IntegrationKeyPanel({
  api,
  text,
  onChanged,
  confirm,
}: {
  api: AdminApi
  text: Text
  /** After a key is made or revoked: the security events below show it. */
  onChanged(): void
  /** Asks before revoking (the admin screen's dialog). */
  confirm(question: string, answer: string, perform: () => void): void
}) {
  const { language } = useI18n()
  const [keys, setKeys] = useState<IntegrationKeyInfo[] | null>(null)
  const [name, setName] = useState('')
  const [fields, setFields] = useState<IntegrationFieldGroup[]>([])
  const [allKecamatan, setAllKecamatan] = useState(true)
  const [kecamatan, setKecamatan] = useState<string[]>([])
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [token, setToken] = useState<string | null>(null)

  const reload = useCallback(() => {
    api.listIntegrationKeys().then(setKeys, (error: unknown) => {
      setNote({ kind: 'error', text: adminErrorText(error, text('needsConnection')) })
    })
  }, [api, text])
  useEffect(reload, [reload])

  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value]

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setToken(null)
    const problem =
      name.trim() === ''
        ? text('keyNameMissing')
        : fields.length === 0
          ? text('keyFieldsMissing')
          : !allKecamatan && kecamatan.length === 0
            ? text('keyKecamatanMissing')
            : null
    if (problem) {
      setNote({ kind: 'error', text: problem })
      return
    }
    try {
      const created = await api.createIntegrationKey({
        name: name.trim(),
        fields,
        kecamatan: allKecamatan ? 'all' : kecamatan,
      })
      setNote({ kind: 'success', text: text('keyCreated', { name: created.key.name }) })
      setToken(created.token)
      setName('')
      setFields([])
      setKecamatan([])
      setAllKecamatan(true)
      reload()
      onChanged()
    } catch (error) {
      setNote({ kind: 'error', text: adminErrorText(error, text('needsConnection')) })
    }
  }

  const revoke = (key: IntegrationKeyInfo) =>
    confirm(text('revokeKeyQuestion', { name: key.name }), text('revokeKey'), () => {
      setToken(null)
      api.revokeIntegrationKey(key.id).then(
        () => {
          setNote({ kind: 'success', text: text('keyRevoked', { name: key.name }) })
          reload()
          onChanged()
        },
        (error: unknown) =>
          setNote({ kind: 'error', text: adminErrorText(error, text('needsConnection')) }),
      )
    })

  const scopeOf = (key: IntegrationKeyInfo) => {
    const groups = key.scopes.fields.map((field) => text(`keyField.${field}`)).join('; ')
    const where =
      key.scopes.kecamatan === 'all'
        ? text('keyAllKecamatan')
        : key.scopes.kecamatan
            .map((code) => district.regions.kecamatanByCode(code)?.name ?? code)
            .join(', ')
    return `${groups} — ${where}`
  }

  return (
    <section aria-labelledby="integration-keys-title" data-testid="integration-keys">
      <h2 id="integration-keys-title">{text('keys')}</h2>
      <p className="hint">{text('keysIntro')}</p>
      {note ? (
        <Notice kind={note.kind} inline announce={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text}
        </Notice>
      ) : null}
      {token ? (
        <p className="field">
          <label htmlFor="integration-key-token">{text('keyToken')}</label>
          <input
            id="integration-key-token"
            readOnly
            value={token}
            onFocus={(event) => event.target.select()}
          />
        </p>
      ) : null}
      <form onSubmit={(event) => void create(event)} noValidate>
        <div className="field">
          <label htmlFor="integration-key-name">{text('keyName')}</label>
          <input
            id="integration-key-name"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <fieldset>
          <legend>{text('keyFields')}</legend>
          {INTEGRATION_FIELD_GROUP_NAMES.map((field) => (
            <label key={field} className="check">
              <input
                type="checkbox"
                checked={fields.includes(field)}
                onChange={() => setFields((list) => toggle(list, field))}
              />{' '}
              {text(`keyField.${field}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{text('keyKecamatan')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={allKecamatan}
              onChange={() => setAllKecamatan((value) => !value)}
            />{' '}
            {text('keyAllKecamatan')}
          </label>
          {allKecamatan
            ? null
            : district.regions.kecamatan.map((entry) => (
                <label key={entry.code} className="check">
                  <input
                    type="checkbox"
                    checked={kecamatan.includes(entry.code)}
                    onChange={() => setKecamatan((list) => toggle(list, entry.code))}
                  />{' '}
                  {entry.name}
                </label>
              ))}
        </fieldset>
        <button type="submit">{text('createKey')}</button>
      </form>
      {keys && keys.length === 0 ? <p>{text('noKeys')}</p> : null}
      {keys && keys.length > 0 ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{text('keyName')}</th>
              <th scope="col">{text('keyScope')}</th>
              <th scope="col">{text('keyCreatedAt')}</th>
              <th scope="col">{text('keyLastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{text('revokeKey')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-key-state={key.revokedAt ? 'revoked' : 'active'}>
                <th scope="row">{key.name}</th>
                <td>{scopeOf(key)}</td>
                <td>{formatDateTime(language, key.createdAt)}</td>
                <td>
                  {key.lastUsedAt ? formatDateTime(language, key.lastUsedAt) : text('keyNeverUsed')}
                </td>
                <td>
                  {key.revokedAt ? (
                    text('keyRevokedAt', { at: formatDateTime(language, key.revokedAt) })
                  ) : (
                    <button type="button" onClick={() => revoke(key)}>
                      {text('revokeKey')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
