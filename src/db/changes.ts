/**
 * What has changed in the database, as one number: the change generation. Read caches (sessions,
 * unread notifications, the published diagnostic's version, whole pages) keep what they computed
 * under the generation they read before computing it and drop it as soon as the generation moves,
 * so a cached answer is never older than the last write that could have changed it.
 *
 * Two sources move it:
 * - **This process's writes**, exactly: the Kysely dialect is wrapped (`trackChanges`) so that a
 *   statement that may write moves the generation once it is done, or, inside a transaction, once the
 *   transaction commits (a rolled-back one moves nothing). A request that follows a write in this
 *   process (the page after a form's redirect, a test's next line) always sees it.
 * - **Other processes' writes** (a `ctg` command, another instance behind the same reverse proxy),
 *   on PostgreSQL only: a statement trigger on the platform's tables sends `NOTIFY ctg_changes` at
 *   commit and a dedicated connection listens (`watchChanges`). They are seen a few milliseconds
 *   after their commit. While that connection is down the generation is unknown (`null`) and nothing
 *   is served from a cache; once it is back the generation moves. The embedded database belongs to
 *   one process (see lock.ts): its writes are all this process's own.
 *
 * The tables nobody reads back through a cache (login failures, one-time form tokens, API tokens,
 * the job outbox, the migrations' own) send nothing; a new session neither (a new token is not in any
 * cache), but a session ended or changed does.
 */
import {
  AliasNode,
  type CompiledQuery,
  type DatabaseConnection,
  DeleteQueryNode,
  type Dialect,
  type Driver,
  InsertQueryNode,
  type OperationNode,
  type QueryResult,
  type RootOperationNode,
  sql,
  TableNode,
  type TransactionSettings,
  UpdateQueryNode,
} from 'kysely';
import pg from 'pg';
import type { Executor } from './executor.js';

export const CHANGES_CHANNEL = 'ctg_changes';

/** Tables whose writes move nothing a cache holds. */
export const UNWATCHED_TABLES: readonly string[] = [
  'api_tokens',
  'ctg_migrations',
  'ctg_migrations_lock',
  'kysely_migration',
  'kysely_migration_lock',
  'form_submissions',
  'job_outbox',
  'login_failures',
];
/** Tables whose inserts move nothing (their updates and deletes do). */
export const INSERTS_UNWATCHED: readonly string[] = ['sessions'];

const TRIGGER = 'ctg_notify_change';

export interface ChangeFeed {
  /** The current generation, or `null` when it cannot be known (then nothing is served from a cache). */
  generation(): number | null;
  /** Moves the generation: a write happened. */
  bump(): void;
}

export class Feed implements ChangeFeed {
  #generation = 1;
  #live: boolean;
  constructor(live: boolean) {
    this.#live = live;
  }
  generation(): number | null {
    return this.#live ? this.#generation : null;
  }
  bump(): void {
    this.#generation += 1;
  }
  setLive(live: boolean): void {
    this.#live = live;
    this.#generation += 1;
  }
}

const feeds = new WeakMap<object, ChangeFeed>();

/** The feed of a database opened by `openDatabase`, reached from any `Db` of it (caches use this). */
export function changeFeedOf(db: object): ChangeFeed | undefined {
  return feeds.get(db);
}

/** The generation of the database behind `db`; `null` when unknown or untracked (no caching then). */
export function changeGeneration(db: object): number | null {
  return feeds.get(db)?.generation() ?? null;
}

/**
 * A feed that knows its generation from the start (`live`: the embedded database, whose writes are
 * all this process's) or only once `watchChanges` listens (a PostgreSQL server others may write to).
 */
export function createChangeFeed(live: boolean): Feed {
  return new Feed(live);
}

export function registerChangeFeed(db: object, feed: ChangeFeed): void {
  feeds.set(db, feed);
}

const READ_START = /^\s*(?:select|with|values|show|explain)\b/i;
const WRITE_WORD =
  /\b(?:insert\s+into|update\s|delete\s+from|truncate|merge\s+into|copy\s|nextval|setval|pg_notify|lo_\w+|create\s|drop\s|alter\s|refresh\s)/i;

/** The one table a statement built by Kysely writes to, when it is a plain insert, update or delete. */
function targetTable(node: RootOperationNode): { table: string; insert: boolean } | null {
  const nameOf = (n: OperationNode | undefined): string | null => {
    if (!n) return null;
    if (TableNode.is(n)) return n.table.identifier.name;
    if (AliasNode.is(n)) return nameOf(n.node);
    return null;
  };
  let table: string | null = null;
  if (InsertQueryNode.is(node)) table = nameOf(node.into);
  else if (UpdateQueryNode.is(node) && !node.from) table = nameOf(node.table);
  else if (DeleteQueryNode.is(node) && node.from.froms.length === 1 && !node.using)
    table = nameOf(node.from.froms[0]);
  if (table === null || (node as { with?: unknown }).with) return null;
  return { table, insert: InsertQueryNode.is(node) };
}

/**
 * Whether a statement may change what a cache holds. Conservative: anything that is not plainly a
 * read, or a write to an unwatched table, counts (a read taken for a write only costs a cache miss;
 * the reverse would serve a stale answer).
 */
export function mayWrite(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return WRITE_WORD.test(query.sql);
  if (kind === 'RawNode') return !(READ_START.test(query.sql) && !WRITE_WORD.test(query.sql));
  const target = targetTable(query.query);
  if (!target) return true;
  if (UNWATCHED_TABLES.includes(target.table)) return false;
  return !(target.insert && INSERTS_UNWATCHED.includes(target.table));
}

/** The dialect, with every write of this process moving `feed` (see the header). */
export function trackChanges(dialect: Dialect, feed: ChangeFeed): Dialect {
  return {
    createDriver: () => new TrackingDriver(dialect.createDriver(), feed),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

class TrackingConnection implements DatabaseConnection {
  inTransaction = false;
  wrote = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly feed: ChangeFeed,
  ) {}

  private written(query: CompiledQuery): void {
    if (!mayWrite(query)) return;
    if (this.inTransaction) this.wrote = true;
    else this.feed.bump();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      // A failed statement may have written before failing (outside a transaction, part of it stays).
      this.written(query);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } finally {
      this.written(query);
    }
  }
}

class TrackingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly feed: ChangeFeed,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new TrackingConnection(await this.inner.acquireConnection(), this.feed);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as TrackingConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
    c.wrote = false;
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackingConnection;
    try {
      await this.inner.commitTransaction(c.inner);
    } finally {
      // Moved even when the commit fails: whether it happened is then unknown.
      if (c.wrote) this.feed.bump();
      c.inTransaction = false;
      c.wrote = false;
    }
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackingConnection;
    try {
      await this.inner.rollbackTransaction(c.inner);
    } finally {
      c.inTransaction = false;
      c.wrote = false;
    }
  }
  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    return this.inner.savepoint!((connection as TrackingConnection).inner, name, compile);
  }
  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint!((connection as TrackingConnection).inner, name, compile);
  }
  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2],
  ): Promise<void> {
    return this.inner.releaseSavepoint!((connection as TrackingConnection).inner, name, compile);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as TrackingConnection).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The statement triggers that tell other processes of a write (see the header), on every table of
 * the public schema but the unwatched ones; idempotent, run after the migrations so that a table a
 * new migration adds is watched without anyone having to remember it.
 */
export async function installChangeTriggers(db: Executor): Promise<void> {
  await sql`
    create or replace function ctg_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('ctg_changes', tg_table_name);
      return null;
    end $$`.execute(db);
  const tables = await sql<{ name: string; watched: boolean }>`
    select c.relname as name,
      exists(select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = ${TRIGGER}) as watched
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(db);
  for (const { name, watched } of tables.rows) {
    if (watched || UNWATCHED_TABLES.includes(name)) continue;
    const events = INSERTS_UNWATCHED.includes(name)
      ? 'update or delete or truncate'
      : 'insert or update or delete or truncate';
    await sql`create trigger ${sql.id(TRIGGER)} after ${sql.raw(events)} on ${sql.id(name)}
      for each statement execute function ctg_notify_change()`.execute(db);
  }
}

/** The tables of the public schema that send a change notification (for tests and `ctg` checks). */
export async function watchedTables(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
    where g.tgname = ${TRIGGER} order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Listens on PostgreSQL for the other processes' writes (see the header): every notification from
 * a connection that is not this process's own moves the generation; a lost connection makes it unknown until a new one listens again (tried every
 * second), which moves it once more since what happened meanwhile is unknown.
 */
export async function watchChanges(
  connectionString: string,
  feed: Feed,
  /** The server processes of this process's own pool, whose writes already moved the generation. */
  own: ReadonlySet<number> = new Set(),
): Promise<ChangeListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const connect = async () => {
    timer = null;
    if (closed) return;
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (!own.has(message.processId)) feed.bump();
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
      if (closed) {
        await next.end().catch(() => {});
        return;
      }
      client = next;
      feed.setLive(true);
    } catch {
      await next.end().catch(() => {});
      lost(next);
    }
  };
  const lost = (which: pg.Client) => {
    if (client !== null && client !== which) return;
    client = null;
    if (closed) return;
    feed.setLive(false);
    if (!timer) timer = setTimeout(connect, 1000).unref();
  };
  feed.setLive(false);
  const ready = connect();
  await ready;
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
