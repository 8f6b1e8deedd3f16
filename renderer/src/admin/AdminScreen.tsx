import {
  useCallback,
  useEffect,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react'
import { rolesForOffice } from '@shared/sync/office-roles'
import type { DeviceInfo, OfficeInfo, OfficeKind, Role } from '@shared/sync/sync-protocol'
import type { AdminUserInfo } from '@shared/sync/admin-api'
import { currentTimeMs } from '@shared/dates/clock'
import { district } from '@/core/district'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import { adminErrorText, type AdminApi } from './admin-api'
import { adminText, type AdminMessageKey } from './admin-messages'
import { ResetPasswordForm } from './ResetPasswordForm'
import { SecurityEventList } from './SecurityEventList'
import { IntegrationKeyPanel } from './IntegrationKeyPanel'
import { canUnlock, userStatusOf } from './user-status'
import { Notice } from '@/ui/Notice'
import { ConfirmDialog } from '@/ui/ConfirmDialog'
import { FormField } from '@/ui/FormField'
import { LoadingState } from '@/ui/States'
import './admin.css'

interface Lists {
  offices: OfficeInfo[]
  users: AdminUserInfo[]
  devices: DeviceInfo[]
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null

/**
 * Offices, users, devices and enrolment codes, for the district admin. Everything here acts on
 * the central server directly (nothing to sync), so it needs a connection.
 */
export function AdminScreen({ api }: { api: AdminApi }) {
  const { language } = useI18n()
  const text = useCallback(
    (key: AdminMessageKey, params?: Record<string, string | number>) =>
      adminText(language, key, params),
    [language],
  )
  const [lists, setLists] = useState<Lists | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [feedback, setFeedback] = useState<Feedback>(null)
  const [resettingUser, setResettingUser] = useState<AdminUserInfo | null>(null)
  /** A question asked before an action that cannot be undone from here (deactivate, revoke). */
  const [confirmation, setConfirmation] = useState<{
    question: string
    answer: string
    perform(): void
  } | null>(null)
  /** Bumped after every action, so the security events show what it just logged. */
  const [actions, setActions] = useState(0)

  const reload = useCallback(() => {
    Promise.all([api.listOffices(), api.listUsers(), api.listDevices()]).then(
      ([offices, users, devices]) => {
        setLists({ offices, users, devices })
        setLoadError(null)
      },
      (error: unknown) =>
        setLoadError(adminErrorText(error, adminText(language, 'needsConnection'))),
    )
  }, [api, language])

  useEffect(reload, [reload])

  const act = async (work: () => Promise<unknown>, ok: string) => {
    try {
      await work()
      setFeedback({ kind: 'ok', text: ok })
      reload()
      return true
    } catch (error) {
      setFeedback({ kind: 'error', text: adminErrorText(error, text('needsConnection')) })
      return false
    } finally {
      setActions((count) => count + 1)
    }
  }

  if (loadError) {
    return (
      <section className="panel">
        <h1>{text('title')}</h1>
        <Notice kind="error" inline>
          {loadError}
        </Notice>
      </section>
    )
  }
  if (!lists) return <LoadingState>{text('loading')}</LoadingState>

  const officeName = (id: string) => lists.offices.find((o) => o.id === id)?.name ?? id
  const nowMs = currentTimeMs()
  const statusText = (user: AdminUserInfo) => {
    const status = userStatusOf(user, nowMs)
    switch (status.kind) {
      case 'inactive':
        return status.since
          ? text('deactivatedSince', { at: formatDateTime(language, status.since) })
          : text('inactive')
      case 'locked':
        return text('lockedUntil', {
          at: formatDateTime(language, status.until),
          count: status.failures,
        })
      case 'failures':
        return `${text('active')}, ${text('failedLogins', { count: status.failures })}`
      case 'active':
        return text('active')
    }
  }

  return (
    <section className="panel admin">
      <h1>{text('title')}</h1>
      <p className="hint">{text('intro')}</p>
      <div role="status" aria-live="polite">
        {feedback ? (
          <Notice
            kind={feedback.kind === 'ok' ? 'success' : 'error'}
            inline
            announce="none"
            className={feedback.kind === 'ok' ? 'saved' : undefined}
          >
            {feedback.text}
          </Notice>
        ) : null}
      </div>

      <h2>{text('offices')}</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{text('code')}</th>
            <th scope="col">{text('name')}</th>
            <th scope="col">{text('kind')}</th>
          </tr>
        </thead>
        <tbody>
          {lists.offices.map((office) => (
            <tr key={office.id}>
              <td>{office.code}</td>
              <td>{office.name}</td>
              <td>{text(`kind.${office.kind}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OfficeForm
        text={text}
        onCreate={(office) => act(() => api.createOffice(office), text('saved'))}
      />

      <h2>{text('enrolmentCode')}</h2>
      <EnrolmentCodeForm
        text={text}
        offices={lists.offices}
        onCreate={async (officeId) => {
          try {
            const created = await api.createEnrolmentCode({ officeId })
            setFeedback({
              kind: 'ok',
              text: text('codeFor', {
                office: officeName(officeId),
                code: created.code,
                until: formatDateTime(language, created.expiresAt),
              }),
            })
          } catch (error) {
            setFeedback({ kind: 'error', text: adminErrorText(error, text('needsConnection')) })
          }
        }}
      />

      <h2>{text('users')}</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{text('username')}</th>
            <th scope="col">{text('displayName')}</th>
            <th scope="col">{text('role')}</th>
            <th scope="col">{text('office')}</th>
            <th scope="col">{text('status')}</th>
            <th scope="col">{text('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {lists.users.map((user) => (
            <tr key={user.id} data-username={user.username}>
              {/* The buttons below name their user by description, not in their own name: the
                  row's cells keep reading as the user name alone. */}
              <td id={`user-${user.id}`}>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{text(`role.${user.role}`)}</td>
              <td>{officeName(user.officeId)}</td>
              <td data-testid="user-status">{statusText(user)}</td>
              <td className="admin-actions">
                {user.active ? (
                  <button
                    type="button"
                    aria-describedby={`user-${user.id}`}
                    onClick={() =>
                      setConfirmation({
                        question: text('confirmDeactivate', {
                          name: user.displayName,
                          username: user.username,
                        }),
                        answer: text('deactivate'),
                        perform: () =>
                          void act(
                            () => api.deactivateUser(user.id),
                            text('deactivated', { username: user.username }),
                          ),
                      })
                    }
                  >
                    {text('deactivate')}
                  </button>
                ) : (
                  <button
                    type="button"
                    aria-describedby={`user-${user.id}`}
                    onClick={() =>
                      void act(
                        () => api.reactivateUser(user.id),
                        text('reactivated', { username: user.username }),
                      )
                    }
                  >
                    {text('reactivate')}
                  </button>
                )}{' '}
                <button
                  type="button"
                  aria-describedby={`user-${user.id}`}
                  onClick={() => setResettingUser(user)}
                >
                  {text('resetPassword')}
                </button>
                {canUnlock(user, nowMs) ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      aria-describedby={`user-${user.id}`}
                      onClick={() =>
                        void act(
                          () => api.unlockUser(user.id),
                          text('unlocked', { name: user.username }),
                        )
                      }
                    >
                      {text('unlock')}
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resettingUser ? (
        <ResetPasswordForm
          key={resettingUser.id}
          text={text}
          user={resettingUser}
          onCancel={() => setResettingUser(null)}
          onReset={async (newPassword) => {
            const done = await act(
              () => api.resetPassword(resettingUser.id, newPassword),
              text('passwordReset', { username: resettingUser.username }),
            )
            if (done) setResettingUser(null)
            return done
          }}
        />
      ) : null}
      <UserForm
        text={text}
        offices={lists.offices}
        onCreate={(user) => act(() => api.createUser(user), text('saved'))}
      />

      <h2>{text('devices')}</h2>
      {lists.devices.length === 0 ? <p>{text('none')}</p> : null}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{text('deviceName')}</th>
            <th scope="col">{text('office')}</th>
            <th scope="col">{text('status')}</th>
            <th scope="col">
              <span className="visually-hidden">{text('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lists.devices.map((device) => (
            <tr key={device.id}>
              <td>{device.name}</td>
              <td>{officeName(device.officeId)}</td>
              <td>
                {device.revokedAt
                  ? text('revoked', { at: formatDateTime(language, device.revokedAt) })
                  : text('lastSeen', {
                      at: device.lastSeenAt
                        ? formatDateTime(language, device.lastSeenAt)
                        : text('never'),
                    })}
              </td>
              <td>
                {device.revokedAt ? null : (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        setConfirmation({
                          question: text('confirmRevoke', { name: device.name }),
                          answer: text('revoke'),
                          perform: () => void act(() => api.revokeDevice(device.id), text('saved')),
                        })
                      }
                    >
                      {text('revoke')} {device.name}
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={text('unlockDevice', { name: device.name })}
                      onClick={() =>
                        void act(
                          () => api.unlockDevice(device.id),
                          text('unlocked', { name: device.name }),
                        )
                      }
                    >
                      {text('unlock')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ConfirmDialog
        open={confirmation !== null}
        tone="danger"
        title={confirmation?.question ?? ''}
        confirmLabel={confirmation?.answer ?? ''}
        cancelLabel={text('cancel')}
        onCancel={() => setConfirmation(null)}
        onConfirm={() => {
          confirmation?.perform()
          setConfirmation(null)
        }}
      />

      <IntegrationKeyPanel
        api={api}
        text={text}
        onChanged={() => setActions((count) => count + 1)}
        confirm={(question, answer, perform) => setConfirmation({ question, answer, perform })}
      />

      <SecurityEventList
        api={api}
        text={text}
        users={lists.users}
        devices={lists.devices}
        reloadKey={actions}
      />
    </section>
  )
}

type Text = (key: AdminMessageKey, params?: Record<string, string | number>) => string

/** A labelled control: the kit's field, for a control that already carries `id`. */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <FormField id={id} label={label}>
      {() => children}
    </FormField>
  )
}

/** A labelled text input; `id` ties the label to it. */
function TextField({
  id,
  label,
  value,
  onChange,
  ...input
}: {
  id: string
  label: string
  value: string
  onChange(value: string): void
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <Field id={id} label={label}>
      <input id={id} {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  )
}

/** A choice of one of `offices` (empty until chosen). */
function OfficeField({
  id,
  text,
  offices,
  value,
  onChange,
}: {
  id: string
  text: Text
  offices: OfficeInfo[]
  value: string
  onChange(officeId: string): void
}) {
  return (
    <Field id={id} label={text('office')}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{text('choose')}</option>
        {offices.map((office) => (
          <option key={office.id} value={office.id}>
            {office.code} — {office.name}
          </option>
        ))}
      </select>
    </Field>
  )
}

function OfficeForm({
  text,
  onCreate,
}: {
  text: Text
  onCreate(office: {
    code: string
    name: string
    kind: OfficeKind
    kecamatanCode: string | null
    officeNumber: number | null
    agencyCode: string | null
  }): Promise<boolean>
}) {
  const [kind, setKind] = useState<OfficeKind>('kecamatan')
  const [agencyCode, setAgencyCode] = useState('')
  const [kecamatanCode, setKecamatanCode] = useState('')
  const [officeNumber, setOfficeNumber] = useState('1')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const kecamatan = district.regions.kecamatanByCode(kecamatanCode)
  const number = Number(officeNumber)
  // A kecamatan office's code follows from its kecamatan and number, as in registration numbers.
  const derivedCode =
    kind === 'kecamatan' && kecamatan && number >= 1 && number <= 99
      ? `${kecamatan.shortCode}-${String(number).padStart(2, '0')}`
      : code

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (
      !name.trim() ||
      !derivedCode.trim() ||
      (kind === 'kecamatan' && !kecamatan) ||
      (kind === 'agency' && !agencyCode)
    ) {
      setError(text('required'))
      return
    }
    setError(null)
    const created = await onCreate({
      code: derivedCode.trim(),
      name: name.trim(),
      kind,
      kecamatanCode: kind === 'kecamatan' ? (kecamatan?.code ?? null) : null,
      officeNumber: kind === 'kecamatan' ? number : null,
      agencyCode: kind === 'agency' ? agencyCode : null,
    })
    if (created) setName('')
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate>
      <Field id="office-kind" label={text('kind')}>
        <select
          id="office-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as OfficeKind)}
        >
          <option value="kecamatan">{text('kind.kecamatan')}</option>
          <option value="agency">{text('kind.agency')}</option>
          <option value="central">{text('kind.central')}</option>
        </select>
      </Field>
      {kind === 'kecamatan' ? (
        <>
          <Field id="office-kecamatan" label={text('kecamatan')}>
            <select
              id="office-kecamatan"
              value={kecamatanCode}
              onChange={(e) => setKecamatanCode(e.target.value)}
            >
              <option value="">{text('choose')}</option>
              {district.regions.kecamatan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            id="office-number"
            label={text('officeNumber')}
            inputMode="numeric"
            maxLength={2}
            value={officeNumber}
            onChange={setOfficeNumber}
          />
        </>
      ) : (
        <>
          {kind === 'agency' ? (
            <Field id="office-agency" label={text('agency')}>
              <select
                id="office-agency"
                value={agencyCode}
                onChange={(e) => setAgencyCode(e.target.value)}
              >
                <option value="">{text('choose')}</option>
                {district.config.verification.agencies.map((agency) => (
                  <option key={agency.code} value={agency.code}>
                    {agency.labelId}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <TextField
            id="office-code"
            label={text('code')}
            maxLength={8}
            value={code}
            onChange={setCode}
          />
        </>
      )}
      <TextField
        id="office-name"
        label={text('name')}
        maxLength={100}
        value={name}
        onChange={setName}
      />
      {error ? (
        <Notice kind="error" inline>
          {error}
        </Notice>
      ) : null}
      <button type="submit">{text('createOffice')}</button>
    </form>
  )
}

function EnrolmentCodeForm({
  text,
  offices,
  onCreate,
}: {
  text: Text
  offices: OfficeInfo[]
  onCreate(officeId: string): Promise<void>
}) {
  const [officeId, setOfficeId] = useState('')
  return (
    <form
      className="admin-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (officeId) void onCreate(officeId)
      }}
    >
      <OfficeField
        id="code-office"
        text={text}
        offices={offices}
        value={officeId}
        onChange={setOfficeId}
      />
      <button type="submit" disabled={!officeId}>
        {text('makeCode')}
      </button>
    </form>
  )
}

function UserForm({
  text,
  offices,
  onCreate,
}: {
  text: Text
  offices: OfficeInfo[]
  onCreate(user: {
    officeId: string
    username: string
    displayName: string
    role: Role
    password: string
  }): Promise<boolean>
}) {
  const [officeId, setOfficeId] = useState('')
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [chosenRole, setRole] = useState<Role | ''>('')
  const [password, setPassword] = useState('')
  const office = offices.find((entry) => entry.id === officeId)
  const allowedRoles = office ? rolesForOffice(office) : []
  // The role follows the office: an agency office has verifiers only, and a role chosen for
  // another kind of office is not silently kept.
  const role: Role | '' = allowedRoles.includes(chosenRole as Role)
    ? chosenRole
    : (allowedRoles[0] ?? '')
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!officeId || !role || !username.trim() || !displayName.trim() || !password) {
      setError(text('required'))
      return
    }
    setError(null)
    const created = await onCreate({
      officeId,
      username: username.trim(),
      displayName: displayName.trim(),
      role,
      password,
    })
    if (created) {
      setUsername('')
      setDisplayName('')
      setPassword('')
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate>
      <OfficeField
        id="user-office"
        text={text}
        offices={offices}
        value={officeId}
        onChange={setOfficeId}
      />
      <TextField
        id="user-username"
        label={text('username')}
        autoComplete="off"
        maxLength={50}
        value={username}
        onChange={setUsername}
      />
      <TextField
        id="user-display-name"
        label={text('displayName')}
        maxLength={100}
        value={displayName}
        onChange={setDisplayName}
      />
      <Field id="user-role" label={text('role')}>
        <select
          id="user-role"
          value={role}
          disabled={allowedRoles.length === 0}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {allowedRoles.length === 0 ? <option value="">{text('roleChooseOffice')}</option> : null}
          {allowedRoles.map((allowed) => (
            <option key={allowed} value={allowed}>
              {text(`role.${allowed}`)}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        id="user-password"
        label={text('password')}
        type="password"
        autoComplete="new-password"
        maxLength={200}
        value={password}
        onChange={setPassword}
      />
      {error ? (
        <Notice kind="error" inline>
          {error}
        </Notice>
      ) : null}
      <button type="submit">{text('createUser')}</button>
    </form>
  )
}
