import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { readWaitingOutLocks } from './sqlite-busy.ts';
import type { SqliteConnection } from './sqlite-connections.ts';
import { ensureTable, tableFor } from './sqlite-schema.ts';
import { keyRange, prepareStatements, type Statements } from './sqlite-statements.ts';

/** Rows per page when a namespace is iterated (one short statement each; pages go by key, never by OFFSET). */
export const ITERATION_PAGE_ROWS = 1_000;
/** Rows per statement when clear() deletes (neighbours in key order: few pages each). */
export const DELETE_BATCH_ROWS = 2_000;
/**
 * Rows per sweep statement. Expired rows lie scattered through the table, each delete touching pages of its own:
 * 2,000 of them took 100–700 ms in a million-row table on a loaded 2-core machine; 250 keep one under ~50 ms.
 */
export const SWEEP_BATCH_ROWS = 250;

export interface SqliteStoreOptions {
  readonly connection: SqliteConnection;
  readonly namespace: string;
  /** How long one operation waits for another process's lock before it fails with SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
  /** Turns driver errors into what callers see (store-locked, store-corrupt…). */
  readonly describeError: (error: unknown) => unknown;
  readonly now?: (() => number) | undefined;
}

export interface StoredRow {
  readonly key: string;
  readonly value: string;
}

/**
 * A keyv store adapter on one table of a better-sqlite3 connection: keys as keyv prefixes them (`namespace:key`),
 * the serialized value, and an indexed `expires` (ms since epoch, from the TTL) so expired rows can be swept.
 * Reads run at once; writes go through the connection's queue, batched into transactions.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  /** keyv builds its iterator only for adapters whose `opts.dialect` it knows. */
  readonly opts: { readonly dialect: 'sqlite'; readonly table: string };
  namespace?: string | undefined;
  private closed = false;
  /** Writes queued but not landed yet, by key: a read made meanwhile sees them, as with an ordered driver. */
  private readonly unlanded = new Map<string, { readonly value: string | undefined }>();

  private readonly statements: Statements;
  private readonly now: () => number;

  /** The namespace's table must exist in this layout already: see `open`. */
  constructor(private readonly options: SqliteStoreOptions) {
    super();
    this.opts = { dialect: 'sqlite', table: tableFor(options.namespace) };
    this.statements = prepareStatements(options.connection, this.opts.table);
    this.now = options.now ?? Date.now;
  }

  /** Creates the namespace's table, or migrates one @keyv/sqlite wrote, then the adapter on it. */
  static async open(options: SqliteStoreOptions): Promise<SqliteKeyvStore> {
    await ensureTable(options.connection, tableFor(options.namespace), options.busyTimeoutMs);
    return new SqliteKeyvStore(options);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const unlanded = this.unlanded.get(key);
    if (unlanded) return unlanded.value as StoredData<Value>;
    return (await this.read(() => this.statements.get.get(key))) as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    const rows = (await this.read(() => this.statements.getMany.all(JSON.stringify(keys)))) as StoredRow[];
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => {
      const unlanded = this.unlanded.get(key);
      return (unlanded ? unlanded.value : byKey.get(key)) as StoredData<Value | undefined>;
    });
  }

  async has(key: string): Promise<boolean> {
    const unlanded = this.unlanded.get(key);
    if (unlanded) return unlanded.value !== undefined;
    return (await this.read(() => this.statements.has.get({ key, now: this.now() }))) !== undefined;
  }

  async hasMany(keys: string[]): Promise<boolean[]> {
    return Promise.all(keys.map((key) => this.has(key)));
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    await this.setMany([{ key, value, ...(ttl === undefined ? {} : { ttl }) }]);
    return true;
  }

  async setMany(entries: { key: string; value: unknown; ttl?: number }[]): Promise<void> {
    const rows = entries.map(({ key, value, ttl }) => [key, String(value), ttl] as const);
    await this.writeKeys(
      rows.map(([key, value]) => [key, value]),
      () => {
        for (const [key, value, ttl] of rows) this.upsertNow(key, value, ttl);
      },
    );
  }

  /**
   * Writes one row as set() does (`key` prefixed, `value` serialized), at once: only inside `transact`, whose
   * transaction may also write other namespaces of this connection (src/store/sqlite-rows.ts).
   */
  upsertNow(key: string, value: string, ttl?: number): void {
    const expires = typeof ttl === 'number' && ttl > 0 ? this.now() + ttl : null;
    this.statements.upsert.run(key, value, expires);
  }

  /** Runs `run` in the connection's write queue: in one transaction with the other writes queued this turn. */
  transact<T>(run: () => T): Promise<T> {
    return this.write(run);
  }

  /** Whether `other` writes through the same connection (its transactions can write both tables). */
  sharesConnectionWith(other: SqliteKeyvStore): boolean {
    return other.options.connection.writes === this.options.connection.writes;
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteMany([key]);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    const deleted = await this.writeKeys(
      keys.map((key) => [key, undefined]),
      () => keys.reduce((count, key) => count + this.statements.delete.run(key).changes, 0),
    );
    return deleted > 0;
  }

  async clear(): Promise<void> {
    const { from, to } = keyRange(this.namespace);
    const clearBatch = () =>
      to === undefined
        ? this.statements.clearAll.run(DELETE_BATCH_ROWS).changes
        : this.statements.clearBetween.run(from, to, DELETE_BATCH_ROWS).changes;
    while ((await this.write(clearBatch)) === DELETE_BATCH_ROWS) {}
  }

  /** Deletes up to `limit` rows whose TTL has passed (one short statement); resolves to how many it deleted. */
  async sweepExpired(limit = SWEEP_BATCH_ROWS): Promise<number> {
    if (this.closed) return 0; // A run under way at shutdown just ends.
    return this.write(() => this.statements.sweep.run(this.now(), limit).changes);
  }

  /** Up to `limit` live rows of the namespace with keys after `after` (a full, prefixed key), in key order. */
  async page(namespace: string | undefined, after: string, limit: number): Promise<StoredRow[]> {
    const { from, to } = keyRange(namespace);
    const parameters = { after: after < from ? from : after, limit, now: this.now() };
    return (await this.read(() =>
      to === undefined
        ? this.statements.pageFrom.all(parameters)
        : this.statements.pageBetween.all({ ...parameters, to }),
    )) as StoredRow[];
  }

  /**
   * Rows of the namespace, expired or not: one count over the key index (testing `expires` would read every row,
   * seconds at a million). Writes still queued are not counted.
   */
  async rowCount(namespace: string | undefined): Promise<number> {
    const { from, to } = keyRange(namespace);
    return Number(
      await this.read(() =>
        to === undefined ? this.statements.countAll.get() : this.statements.countBetween.get({ from, to }),
      ),
    );
  }

  async *iterator<Value>(
    namespace?: string,
  ): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    let after = '';
    for (;;) {
      const rows = await this.page(namespace, after, ITERATION_PAGE_ROWS);
      for (const row of rows) yield [row.key, row.value as Awaited<Value>];
      const last = rows.at(-1);
      if (!last || rows.length < ITERATION_PAGE_ROWS) return;
      after = last.key;
    }
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.options.connection.release();
  }

  private async read<T>(run: () => T): Promise<T> {
    this.checkOpen();
    try {
      return await readWaitingOutLocks(run, this.options.busyTimeoutMs);
    } catch (error) {
      throw this.options.describeError(error);
    }
  }

  private async write<T>(run: () => T): Promise<T> {
    this.checkOpen();
    try {
      return await this.options.connection.writes.enqueue(run, this.options.busyTimeoutMs);
    } catch (error) {
      throw this.options.describeError(error);
    }
  }

  /** A write of `keys` that reads see from the moment it is made until it lands (or fails). */
  private async writeKeys<T>(keys: [string, string | undefined][], run: () => T): Promise<T> {
    const marks = keys.map(([key, value]) => {
      const mark = { value };
      this.unlanded.set(key, mark);
      return [key, mark] as const;
    });
    try {
      return await this.write(run);
    } finally {
      for (const [key, mark] of marks) if (this.unlanded.get(key) === mark) this.unlanded.delete(key);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`The store ${this.opts.table} was closed`);
  }
}
