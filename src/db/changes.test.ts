import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { mayWrite } from './changes.js';
import type { Database } from './schema.js';

// Compiles only: no connection.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('which statements move the change generation', () => {
  it('leaves plain reads out, built or raw', () => {
    expect(mayWrite(db.selectFrom('conventions').selectAll().compile())).toBe(false);
    expect(mayWrite(sql`select count(*) from users`.compile(db))).toBe(false);
    expect(mayWrite(sql`  with x as (select 1) select * from x`.compile(db))).toBe(false);
    expect(mayWrite(sql`select pg_advisory_xact_lock(1)`.compile(db))).toBe(false);
  });

  it('counts every write to a table a cache may hold', () => {
    expect(
      mayWrite(
        db
          .insertInto('audit_log')
          .values({} as never)
          .compile(),
      ),
    ).toBe(true);
    expect(
      mayWrite(
        db
          .updateTable('conventions')
          .set({ title: 'x' } as never)
          .compile(),
      ),
    ).toBe(true);
    expect(mayWrite(db.deleteFrom('plans').compile())).toBe(true);
    expect(
      mayWrite(
        db
          .updateTable('conventions as c')
          .set({ title: 'x' } as never)
          .compile(),
      ),
    ).toBe(true);
  });

  it('counts what it cannot read as a write (raw writes, functions that write, CTEs)', () => {
    expect(mayWrite(sql`insert into api_tokens values (1)`.compile(db))).toBe(true);
    expect(mayWrite(sql`update conventions set title = 'x'`.compile(db))).toBe(true);
    expect(mayWrite(sql`select nextval('s')`.compile(db))).toBe(true);
    expect(mayWrite(sql`with d as (delete from plans returning 1) select * from d`.compile(db))).toBe(true);
    expect(mayWrite(sql`create table t (a int)`.compile(db))).toBe(true);
    expect(
      mayWrite(
        db
          .with('d', (q) => q.deleteFrom('api_tokens').returning('id'))
          .insertInto('api_tokens')
          .values({} as never)
          .compile(),
      ),
    ).toBe(true);
  });

  it('leaves out the tables no cache reads back, and new sessions', () => {
    expect(
      mayWrite(
        db
          .updateTable('api_tokens')
          .set({ last_used_at: new Date() } as never)
          .compile(),
      ),
    ).toBe(false);
    expect(
      mayWrite(
        db
          .insertInto('login_failures')
          .values({} as never)
          .compile(),
      ),
    ).toBe(false);
    expect(
      mayWrite(
        db
          .insertInto('form_submissions')
          .values({} as never)
          .compile(),
      ),
    ).toBe(false);
    expect(
      mayWrite(
        db
          .insertInto('sessions')
          .values({} as never)
          .compile(),
      ),
    ).toBe(false);
    // A session ended or changed does move it: the cached session must go.
    expect(mayWrite(db.deleteFrom('sessions').where('id', '=', 'x').compile())).toBe(true);
    expect(
      mayWrite(
        db
          .updateTable('sessions')
          .set({ expires_at: new Date() } as never)
          .compile(),
      ),
    ).toBe(true);
  });
});
