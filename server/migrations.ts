/**
 * Versioned schema migrations, applied at start. All pending migrations run in one transaction
 * behind a transaction-scoped advisory lock, so two server processes starting at once on one
 * PostgreSQL apply each migration exactly once (the second waits, then finds nothing to do), and
 * a start that fails half-way leaves the schema as it was.
 *
 * Never edit a released migration: add the next version.
 */
import type { Database } from './database'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** Any constant works; it only has to be the same in every process of this application. */
const MIGRATION_LOCK_KEY = 640_206_001

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, devices, sessions',
    sql: `
      CREATE TABLE offices (
        id text PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('kecamatan', 'agency', 'central')),
        kecamatan_code text,
        office_number integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'kecamatan') = (kecamatan_code IS NOT NULL AND office_number IS NOT NULL)),
        UNIQUE (kecamatan_code, office_number)
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        office_id text NOT NULL REFERENCES offices (id),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('operator', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        verifier_salt bytea NOT NULL,
        verifier_hash bytea NOT NULL,
        verifier_memory_kib integer NOT NULL,
        verifier_iterations integer NOT NULL,
        verifier_parallelism integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX users_office ON users (office_id);
      CREATE TABLE devices (
        id text PRIMARY KEY,
        office_id text NOT NULL REFERENCES offices (id),
        name text NOT NULL,
        secret_hash bytea NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_seen_at timestamptz
      );
      CREATE INDEX devices_office ON devices (office_id);
      CREATE TABLE enrolment_codes (
        code_hash bytea PRIMARY KEY,
        office_id text NOT NULL REFERENCES offices (id),
        created_by text REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        device_id text REFERENCES devices (id)
      );
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY,
        family_id text NOT NULL,
        user_id text NOT NULL REFERENCES users (id),
        device_id text NOT NULL REFERENCES devices (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_device ON refresh_tokens (device_id);
    `,
  },
  {
    version: 2,
    name: 'participants',
    sql: `
      -- txid: the PostgreSQL transaction that last wrote the row (pg_current_xact_id()). Pull
      -- orders by (txid, id) and only hands out rows whose txid is below the oldest running
      -- transaction: see docs/sync.md. The document never carries it.
      CREATE TABLE participants (
        id text PRIMARY KEY,
        txid xid8 NOT NULL,
        kecamatan_code text NOT NULL,
        office_code text NOT NULL,
        registration_number text NOT NULL,
        nik_hash bytea NOT NULL,
        is_deleted boolean NOT NULL,
        -- The document without its sealed fields (nik, kk, phone, conflicts).
        doc jsonb NOT NULL,
        -- AES-256-GCM of the sealed fields as JSON: version byte, IV, ciphertext, tag.
        sealed bytea NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        written_by_user text NOT NULL,
        written_by_device text NOT NULL
      );
      CREATE INDEX participants_by_change ON participants (txid, id);
      CREATE INDEX participants_by_kecamatan_change ON participants (kecamatan_code, txid, id);
      CREATE INDEX participants_by_nik_hash ON participants (nik_hash);
    `,
  },
  {
    version: 3,
    name: 'device card signing keys',
    sql: `
      -- The card signing public key (base64url) last certified for the PC, and when: for the
      -- admin screen only. Certificates are stateless; nothing here withdraws an earlier one.
      ALTER TABLE devices ADD COLUMN card_public_key text;
      ALTER TABLE devices ADD COLUMN card_certified_at timestamptz;
    `,
  },
  {
    version: 4,
    name: 'agency verifiers',
    sql: `
      -- Which agency an agency office is (district.json verification.agencies), and the
      -- verifier role its users check candidates with.
      ALTER TABLE offices ADD COLUMN agency_code text;
      ALTER TABLE offices ADD CONSTRAINT offices_agency_code_kind
        CHECK (agency_code IS NULL OR kind = 'agency');
      ALTER TABLE users DROP CONSTRAINT users_role_check;
      ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('operator', 'verifier', 'supervisor', 'admin'));
    `,
  },
  {
    version: 5,
    name: 'audit trail',
    sql: `
      -- Every participant history entry, append-only (server/audit.ts). entry holds the whole
      -- entry as pushed (NIK, KK and phone masked); the columns beside it are for filtering.
      -- txid orders pulls exactly as for participants (docs/sync.md, "Pull by checkpoint").
      CREATE TABLE audit_entries (
        id text PRIMARY KEY,
        txid xid8 NOT NULL,
        participant_id text NOT NULL,
        kecamatan_code text NOT NULL,
        kind text NOT NULL,
        entry jsonb NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        role text NOT NULL,
        office_code text NOT NULL,
        device_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- The signed-in user whose session pushed it (may differ from by: a shift change).
        received_by_user text NOT NULL
      );
      CREATE INDEX audit_entries_by_change ON audit_entries (txid, id);
      CREATE INDEX audit_entries_by_kecamatan_change ON audit_entries (kecamatan_code, txid, id);
      CREATE INDEX audit_entries_by_time ON audit_entries (at DESC, id DESC);
      CREATE INDEX audit_entries_by_participant ON audit_entries (participant_id, at);
      CREATE INDEX audit_entries_by_office_time ON audit_entries (office_code, at DESC, id DESC);
      -- The audit search finds a participant by registration number.
      CREATE INDEX participants_by_registration_number ON participants (registration_number);
      -- Append-only in the database too, whatever code runs later: any UPDATE, DELETE or TRUNCATE
      -- fails. The function body is written with \\073 for ';' because migrations are split into
      -- statements at every ';' (execScript).
      CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
        E'BEGIN RAISE EXCEPTION ''audit_entries is append-only'' USING ERRCODE = ''42501''\\073 END\\073'
      ;
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
    `,
  },
  {
    version: 6,
    name: 'annual plans',
    sql: `
      -- Targets and APBD premium allocation per year: kecamatan_code '' is the district total
      -- (server/plans.ts). Rupiah as bigint: a kabupaten budget passes 2^31.
      CREATE TABLE plans (
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        kecamatan_code text NOT NULL,
        target integer NOT NULL CHECK (target >= 0),
        allocation bigint NOT NULL CHECK (allocation >= 0 AND allocation <= 10000000000000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        PRIMARY KEY (year, kecamatan_code)
      );
    `,
  },
  {
    version: 7,
    name: 'enrolment batches',
    sql: `
      -- BPJS enrolment batches as sent (server/enrolment-batches.ts): immutable once recorded,
      -- so any supervisor PC can read BPJS's answer to any batch. Member ids only, no NIK.
      CREATE TABLE enrolment_batches (
        id text PRIMARY KEY,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        office_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX enrolment_batches_newest ON enrolment_batches (created_at DESC, id);
    `,
  },
  {
    version: 8,
    name: 'account lifecycle, login locks, security log',
    sql: `
      -- When an admin deactivated the user (null while active): server/user-admin.ts.
      ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
      -- Wrong passwords in a row per account ('user:<username>') and per PC ('device:<id>'),
      -- and the lock they earned (LOGIN_LOCK_POLICY). A right password or an admin clears them.
      CREATE TABLE login_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      );
      -- Access tokens name their refresh family: each request checks it has not ended.
      CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
      -- The security log (server/security-log.ts): no NIK, password or token in any column.
      CREATE TABLE security_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        user_id text,
        username text,
        device_id text,
        office_id text,
        ip text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX security_events_by_kind ON security_events (kind, id DESC);
    `,
  },
  {
    version: 9,
    name: 'bills, bill resolutions, payments',
    sql: `
      -- BPJS bills, their resolutions and payments (server/bills.ts): immutable once recorded.
      -- A bill's lines hold masked NIKs and participant ids, never a NIK. They sit in their own
      -- column (up to 200,000 lines) so a listing reads the small doc, the count and the total.
      -- Times are milliseconds since 1970 (Date.parse of the client's time), to order by.
      -- recorded_by is the session's account, office_id its office.
      CREATE TABLE bills (
        id text PRIMARY KEY,
        doc jsonb NOT NULL,
        lines jsonb NOT NULL,
        payer_code text NOT NULL,
        month text NOT NULL,
        imported_at_ms bigint NOT NULL,
        line_count integer NOT NULL,
        billed_total bigint NOT NULL,
        recorded_by text NOT NULL,
        office_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bills_newest ON bills (imported_at_ms DESC, id);
      CREATE INDEX bills_payer_month ON bills (payer_code, month);
      CREATE TABLE bill_resolutions (
        id text PRIMARY KEY,
        bill_id text NOT NULL REFERENCES bills (id),
        doc jsonb NOT NULL,
        resolved_at_ms bigint NOT NULL,
        recorded_by text NOT NULL,
        office_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bill_resolutions_by_bill ON bill_resolutions (bill_id);
      CREATE TABLE payments (
        id text PRIMARY KEY,
        doc jsonb NOT NULL,
        payer_code text NOT NULL,
        month text NOT NULL,
        recorded_at_ms bigint NOT NULL,
        recorded_by text NOT NULL,
        office_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payments_payer_month ON payments (payer_code, month);
    `,
  },
  {
    version: 10,
    name: 'integration keys and their personal-data reads',
    sql: `
      -- Keys of other district systems (server/integration-keys.ts): only the SHA-256 of the
      -- token is kept; a key is revoked, never deleted, so the row stays its own audit trail.
      -- scopes: { fields: [group], kecamatan: 'all' | [code], access: 'read' }.
      CREATE TABLE integration_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        scopes jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        last_used_at timestamptz
      );
      -- One row per feed page that carried NIK, KK or phone: the key and how many records.
      CREATE TABLE integration_personal_reads (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key_id text NOT NULL REFERENCES integration_keys (id),
        at timestamptz NOT NULL,
        records integer NOT NULL,
        ip text
      );
      CREATE INDEX integration_personal_reads_by_key ON integration_personal_reads (key_id, id);
    `,
  },
  {
    version: 11,
    name: 'the district whose data this is',
    sql: `
      -- One row, written at the first start (server/district-guard.ts): a server started later
      -- with another district's configuration refuses to serve this district's records.
      CREATE TABLE server_district (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        code text NOT NULL,
        name text NOT NULL,
        recorded_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 12,
    name: 'server generation and restore base',
    sql: `
      -- One row (server/generation.ts): the generation this database is in. A restore from a
      -- backup starts a new one, so every PC can tell the server went back in time.
      CREATE TABLE server_generation (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        generation text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        restored_from_generation text,
        backup_taken_at timestamptz
      );
      -- The participants as the last restore left them: the common ancestor when a state a PC
      -- held from before the restore meets an edit made after it (server/recovery.ts).
      CREATE TABLE participants_at_restore (
        id text PRIMARY KEY,
        doc jsonb NOT NULL,
        sealed bytea NOT NULL
      );
    `,
  },
  {
    version: 13,
    name: 'payment withdrawals',
    sql: `
      -- A payment recorded by mistake is withdrawn, never edited or deleted (server/bills.ts):
      -- one withdrawal per payment, immutable like the payment. recorded_by is the session's
      -- account, office_id its office.
      CREATE TABLE payment_withdrawals (
        id text PRIMARY KEY,
        payment_id text NOT NULL UNIQUE REFERENCES payments (id),
        doc jsonb NOT NULL,
        withdrawn_at_ms bigint NOT NULL,
        recorded_by text NOT NULL,
        office_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
]

export async function migrate(db: Database, migrations = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await tx.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((row) => Number(row.version)))
    const newlyApplied: number[] = []
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue
      await execScript(tx, migration.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      newlyApplied.push(migration.version)
    }
    return newlyApplied
  })
}

/** Runs a script statement by statement (extended-protocol queries take one statement each). */
async function execScript(
  tx: { query(sql: string): Promise<unknown> },
  script: string,
): Promise<void> {
  const withoutComments = script.replace(/--[^\n]*/g, '')
  for (const statement of withoutComments.split(';')) {
    if (statement.trim() !== '') await tx.query(statement)
  }
}
