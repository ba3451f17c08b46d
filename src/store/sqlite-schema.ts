import { readWaitingOutLocks } from './sqlite-busy.ts';
import type { SqliteConnection } from './sqlite-connections.ts';

/**
 * Rows per statement when an old table's `expires` column is filled in (one short transaction each): 2,000 held the
 * event loop up to ~300 ms on a loaded machine with 1,000,000 rows.
 */
export const MIGRATION_BATCH_ROWS = 500;

/** Namespaces are checked against /^[a-z][a-z0-9_-]*$/i before they get here: safe as identifiers. */
export const tableFor = (namespace: string) => namespace.replace(/-/g, '_');
/** Its existence marks a table as migrated: it is created last, after every row has its `expires`. */
const expiresIndexFor = (table: string) => `${table}_expires`;

/**
 * The JSON's `expires` (ms since epoch) of a row keyv wrote, or NULL: keyv stores `{"value":…,"expires":…}`.
 * Only rows written before the `expires` column existed need it; new rows get the column from the TTL.
 */
const EXPIRES_FROM_VALUE = `CASE WHEN json_valid(value) AND json_type(value, '$.expires') IN ('integer', 'real')
  THEN CAST(json_extract(value, '$.expires') AS INTEGER) END`;

interface TableState {
  readonly exists: boolean;
  readonly hasExpires: boolean;
  readonly migrated: boolean;
}

function tableState(connection: SqliteConnection, table: string): TableState {
  const columns = connection.db.pragma(`table_info(${table})`) as { name: string }[];
  const index = connection.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")
    .get(expiresIndexFor(table));
  return {
    exists: columns.length > 0,
    hasExpires: columns.some((column) => column.name === 'expires'),
    migrated: index !== undefined,
  };
}

function createIndex(connection: SqliteConnection, table: string): void {
  // Partial: only rows with a TTL are indexed, so articles and the catalogue (no TTL) cost the index nothing.
  connection.db.exec(
    `CREATE INDEX IF NOT EXISTS ${expiresIndexFor(table)} ON ${table}(expires) WHERE expires IS NOT NULL`,
  );
}

/**
 * Creates the namespace's table, or brings one written by @keyv/sqlite (key, value) up to this layout in place:
 * an `expires` column filled from each row's JSON, a few thousand rows per transaction so other work goes on in
 * between, then its index. Every step re-checks inside its write transaction, so two processes opening the same
 * old file at once both end with one migrated table; an interrupted migration resumes at the next open.
 */
export async function ensureTable(
  connection: SqliteConnection,
  table: string,
  busyTimeoutMs: number,
): Promise<void> {
  const write = <T>(run: () => T) => connection.writes.enqueue(run, busyTimeoutMs);
  const state = await readWaitingOutLocks(() => tableState(connection, table), busyTimeoutMs);
  if (state.migrated) return;
  const needsBackfill = await write(() => {
    const state = tableState(connection, table);
    if (!state.exists) {
      connection.db.exec(`CREATE TABLE ${table} (key VARCHAR(255) PRIMARY KEY, value TEXT, expires INTEGER)`);
      createIndex(connection, table);
      return false;
    }
    if (!state.hasExpires) connection.db.exec(`ALTER TABLE ${table} ADD COLUMN expires INTEGER`);
    return !state.migrated;
  });
  if (!needsBackfill) return;
  const lastRow = connection.db.prepare(`SELECT max(rowid) AS last FROM ${table}`).get() as {
    last: number | null;
  };
  const fill = connection.db.prepare(
    `UPDATE ${table} SET expires = ${EXPIRES_FROM_VALUE} WHERE rowid > ? AND rowid <= ? AND expires IS NULL`,
  );
  for (let from = 0; from < (lastRow.last ?? 0); from += MIGRATION_BATCH_ROWS) {
    await write(() => fill.run(from, from + MIGRATION_BATCH_ROWS));
  }
  await write(() => createIndex(connection, table));
}
