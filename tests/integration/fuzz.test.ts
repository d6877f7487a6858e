/**
 * The fuzz test: requests built from the OpenAPI document (every path and method, its path and query
 * parameters, JSON bodies that follow or break the schemas) and from the page routes (pages, forms with
 * and without `_csrf`, multipart), with hostile values (NUL bytes, lone surrogates, huge strings, deep
 * nesting, wrong types, unknown and duplicated fields, lying content types, odd cookies and
 * Authorization headers), sent as each demo role (session cookie or API token) and anonymously.
 *
 * Properties: no answer is a 5xx; every 4xx answer carries a French message and leaves the database as
 * it was. "As it was" is watched by row triggers installed in the test database only: each insert,
 * delete or real update (old row distinct from the new one) of a data table bumps a counter, so
 * comparing one number before and after a request is exact and costs one query. Failed logins are
 * counted apart: they may add to `login_failures` on `POST /connexion`, and nowhere else.
 *
 * The seed is fixed: a failure is reproduced by running the file again.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Role } from '../../src/domain/access/access.js';
import { DEMO_ACCOUNTS } from '../../src/use-cases/demo/seed-demo.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { resetPassword } from '../../src/use-cases/users/reset-password.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { routesOf } from '../support/routes.js';
import { createTestDatabase } from '../support/test-db.js';

const SEED = 20_261_128;
/**
 * Requests per `it` block; six blocks (anonymously, then each demo role). `npm test` sends 150 per
 * block (900 in all, the first ones of the long run's sequence); `npm run test:fuzz` and
 * `npm run test:long` send 1 700 per block (10 200 in all, about a minute and a half); FUZZ_RUNS
 * sets any other number.
 */
const RUNS_PER_BLOCK = Number(process.env.FUZZ_RUNS || (process.env.CTG_LONG_TESTS === '1' ? 1_700 : 150));
const BLOCK_TIMEOUT = 120_000;

let handle: DatabaseHandle;
let app: App;
let conventionIds: string[] = [];
let sent = 0;
const statuses = new Map<number, number>();

interface Credentials {
  name: string;
  cookie: string;
  token: string;
  csrf: string;
}
const credentials = new Map<Role, Credentials>();

// ---------------------------------------------------------------------------------------------------
// The watch on the database.

/** Tables whose changes are legitimate on any request, or that belong to the migrator. */
const UNWATCHED = new Set(['ctg_migrations', 'kysely_migration_lock', 'fuzz_changes', 'login_failures']);

async function installWatch(): Promise<void> {
  const db = handle.db;
  await sql`create table fuzz_changes (data bigint not null, login_failures bigint not null, last text)`.execute(
    db,
  );
  await sql`insert into fuzz_changes values (0, 0, null)`.execute(db);
  await sql
    .raw(
      `create function fuzz_count() returns trigger language plpgsql as $$
       begin
         if tg_table_name = 'login_failures' then
           update fuzz_changes set login_failures = login_failures + 1;
         else
           update fuzz_changes set data = data + 1, last = tg_table_name;
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  for (const { name } of tables.rows) {
    if (UNWATCHED.has(name) && name !== 'login_failures') continue;
    const table = `"${name}"`;
    await sql
      .raw(`create trigger fuzz_watch_rows after insert or delete on ${table}
            for each row execute function fuzz_count()`)
      .execute(db);
    // Using a token records when it was last used, whatever the answer: that is bookkeeping, not data.
    const changed =
      name === 'api_tokens'
        ? `(to_jsonb(old) - 'last_used_at') is distinct from (to_jsonb(new) - 'last_used_at')`
        : 'old.* is distinct from new.*';
    await sql
      .raw(`create trigger fuzz_watch_updates after update on ${table}
            for each row when (${changed}) execute function fuzz_count()`)
      .execute(db);
  }
}

async function changes(): Promise<{ data: number; loginFailures: number; last: string | null }> {
  const row = (
    await sql<{
      data: string;
      login_failures: string;
      last: string | null;
    }>`select * from fuzz_changes`.execute(handle.db)
  ).rows[0]!;
  return { data: Number(row.data), loginFailures: Number(row.login_failures), last: row.last };
}

// ---------------------------------------------------------------------------------------------------
// Hostile values.

const NASTY_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '',
  ' ',
  '%00',
  '\u202e',
  '"><script>alert(1)</script>',
  "'; drop table conventions; --",
  '../../../etc/passwd',
  '{{titre}}',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e308',
  'NaN',
  'null',
  '\r\n\r\n',
  'e\u0301',
  '78124',
  '2026-02-30',
  '9999-12-31',
];

const hugeText = fc.integer({ min: 5_000, max: 100_000 }).map((n) => 'é'.repeat(n));
const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('\u0000', '\ud800', '\udc00'),
        fc.string({ maxLength: 10 }),
      )
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: hugeText },
);

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      Number.MAX_SAFE_INTEGER,
      [],
      {},
      [null],
      { __proto__: { admin: true } },
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([d, a]) => nested(d, a)),
  },
);

/** Percent-encodes any JS string, lone surrogates included (as the UTF-8 bytes a client would send). */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}

const rawPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%', '%G1', '%E0%A4', '%00', '%ED%A0%80', '..', '%2e%2e', '%2F', 'a%20b', '%C0%AF'),
  nastyText.filter((s) => s.length > 0 && s.length < 2_000).map(encode),
);

// ---------------------------------------------------------------------------------------------------
// Values following (or nearly) a JSON schema from the OpenAPI document.

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
}

function validValue(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validValue(s, depth + 1)));
  if (schema.allOf?.length) return validValue(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...conventionIds), fc.uuid());
      if (schema.format === 'date') return fc.constantFrom('2026-11-28', '2025-01-01', '2027-06-30');
      if (schema.format === 'email') return fc.constantFrom('a@b.test', 'conseiller.caf@demo.ctg.test');
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, 80);
      return fc.string({ minLength: Math.min(min, max), maxLength: Math.max(min, max) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 10_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 10_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const required = schema.required ?? [];
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(props)) shape[key] = validValue(child, depth + 1);
      return fc.record(shape, { requiredKeys: required.filter((k) => k in props) });
    }
    default:
      return fc.constant(null);
  }
}

/** A schema-following value, then broken: a field of the wrong type or hostile, unknown fields added. */
function hostileBody(schema: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: validValue(schema) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          validValue(schema),
          fc.nat(),
          nastyJson,
          fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        )
        .map(([value, pick, bad, extra]) => {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return bad;
          const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
          const keys = Object.keys(schema?.properties ?? {});
          if (keys.length > 0) copy[keys[pick % keys.length]!] = bad;
          if (extra !== undefined) copy[extra] = bad;
          return copy;
        }),
    },
    { weight: 1, arbitrary: nastyJson },
  );
}

// ---------------------------------------------------------------------------------------------------
// Requests.

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface FuzzRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}
interface Operation {
  method: Method;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: Schema }[];
  body?: Schema;
  multipart: boolean;
}

const operations: Operation[] = [];
let pageRoutes: { method: Method; path: string }[] = [];

function pathParamValue(name: string, schema: Schema | undefined): fc.Arbitrary<string> {
  const valid: fc.Arbitrary<string> =
    name === 'id'
      ? fc.constantFrom(...conventionIds)
      : name === 'code'
        ? fc.constantFrom('78124', '78146', '78', '95', '200058519', '11')
        : name === 'format'
          ? fc.constantFrom('odt', 'docx')
          : name === 'number'
            ? fc.constantFrom('0', '1', '2')
            : name === 'sha256'
              ? fc.constant('0'.repeat(64))
              : schema?.enum
                ? fc.constantFrom(...schema.enum.map(String))
                : fc.uuid();
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: rawPathSegment },
  );
}

function queryString(params: { name: string; schema: Schema }[]): fc.Arbitrary<string> {
  const parts = params.map((p) =>
    fc.option(
      fc.oneof(
        validValue(p.schema).map((v) => `${p.name}=${encode(String(v))}`),
        nastyText.map((v) => `${p.name}=${encode(v)}`),
        fc.tuple(nastyText, nastyText).map(([a, b]) => `${p.name}=${encode(a)}&${p.name}=${encode(b)}`),
        fc.constant(`${p.name}[a][b]=1`),
        fc.constant(p.name),
      ),
      { nil: undefined },
    ),
  );
  const unknown = fc.option(
    fc.tuple(fc.string({ maxLength: 10 }), nastyText).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    { nil: undefined },
  );
  return fc.tuple(fc.tuple(...parts), unknown).map(([known, extra]) => {
    const all = [...known, extra].filter((p): p is string => p !== undefined);
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** A JSON payload: serialised, or raw text that no JSON parser accepts, or with duplicated keys. */
function jsonPayload(schema: Schema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: hostileBody(schema).map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":',
        '[1,2',
        '{"a":1}}',
        'nul',
        '\u0000',
        '{"a":"\\ud800"}',
        "{'a':1}",
        '',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(validValue(schema), nastyJson).map(([v, bad]) => {
        const text = JSON.stringify(v) ?? '{}';
        const key = Object.keys(schema?.properties ?? { a: 1 })[0] ?? 'a';
        return text.startsWith('{') && text.length > 2
          ? `{${JSON.stringify(key)}:${JSON.stringify(bad) ?? 'null'},${text.slice(1)}`
          : text;
      }),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 40, max: 20_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
    },
  );
}

const FORM_FIELDS = [
  'action',
  'annee',
  'au',
  'auteur',
  'byPartyId',
  'cible',
  'code',
  'detectedOn',
  'du',
  'email',
  'end',
  'entite',
  'fichier',
  'ground',
  'identifiant',
  'key',
  'password',
  'place',
  'purpose',
  'q',
  'reason',
  'remediedOn',
  'sentOn',
  'signatoryId',
  'signedOn',
  'start',
  'suivant',
  'text',
  'title',
  'variant',
];

function formPayload(csrf: string): fc.Arbitrary<string> {
  const field = fc.tuple(
    fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 8 })),
    fc.oneof(nastyText, fc.constantFrom('2026-11-28', '78124', 'caf', ...conventionIds)),
  );
  const csrfPart = fc.constantFrom(
    csrf ? `_csrf=${encodeURIComponent(csrf)}` : '',
    '',
    '_csrf=faux',
    `_csrf=${encodeURIComponent(csrf)}&_csrf=autre`,
    '_csrf=%00',
    '_csrf[a]=1',
  );
  return fc
    .tuple(fc.array(field, { maxLength: 6 }), csrfPart)
    .map(([fields, c]) =>
      [c, ...fields.map(([k, v]) => `${encode(k)}=${encode(v)}`)].filter(Boolean).join('&'),
    );
}

function multipartPayload(): fc.Arbitrary<{ contentType: string; payload: string | Buffer }> {
  const b = 'FuzzBoundary';
  const ok = (name: string, filename: string, body: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${body}\r\n--${b}--\r\n`;
  return fc.oneof(
    fc.constantFrom(
      {
        contentType: `multipart/form-data; boundary=${b}`,
        payload: `--${b}\r\nContent-Disposition: form-data; name="fichier"; filename="a.pdf"\r\n\r\n%PDF-1.4`,
      },
      {
        contentType: `multipart/form-data; boundary=${b}`,
        payload: `--${b}\r\nContent-Disposition: form-data; name="fichier"; filename="a.pdf"\r\nContent-Type: applic`,
      },
      { contentType: 'multipart/form-data', payload: 'abc' },
      { contentType: 'multipart/form-data; boundary=', payload: '----\r\n' },
      { contentType: `multipart/form-data; boundary=${b}`, payload: '' },
      {
        contentType: `multipart/form-data; boundary=Autre`,
        payload: ok('fichier', 'a.odt', 'PK\u0003\u0004'),
      },
      { contentType: `multipart/form-data; boundary=${b}`, payload: `--${b}\r\n\r\n\r\n--${b}--\r\n` },
      { contentType: `multipart/form-data; boundary=${b}`, payload: ok('fichier', 'x'.repeat(5_000), '') },
    ),
    fc
      .tuple(
        fc.constantFrom('fichier', 'file', 'format', '_csrf', ''),
        fc.oneof(
          fc.constantFrom('a.pdf', 'modele.odt', 'modele.docx', 'd.xlsx', 'a.csv', '../../x.odt'),
          nastyText,
        ),
        fc.oneof(fc.constantFrom('%PDF-1.4\n', 'PK\u0003\u0004\u0014', '', 'a;b\n1;2'), nastyText),
      )
      .map(([name, filename, body]) => ({
        contentType: `multipart/form-data; boundary=${b}`,
        payload: ok(name, filename.replace(/[\r\n"]/g, ''), body),
      })),
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'application/json; charset=latin1',
  '',
  'application/json, text/html',
  '*/*',
];

/** Who sends the request, as headers; in a role's block mostly that role, sometimes odd credentials. */
function authHeaders(
  role: Role | null,
  api: boolean,
): fc.Arbitrary<{ name: string; headers: Record<string, string> }> {
  const own = role ? credentials.get(role)! : null;
  const odd: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.constantFrom<Record<string, string>>(
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: 'Bearer a b' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer %00' },
      { authorization: `Bearer ${'a'.repeat(20_000)}` },
      { authorization: 'ctg_0000' },
      { cookie: 'ctg_session=%00' },
      { cookie: 'ctg_session=abc%00def' },
      { cookie: 'ctg_session=%ED%A0%80' },
      { cookie: 'ctg_session=%' },
      { cookie: `ctg_session=${'a'.repeat(60_000)}` },
      { cookie: `big=${'b'.repeat(60_000)}; ctg_session=x` },
      { cookie: 'ctg_session=a; ctg_session=b' },
      { cookie: 'ctg_session' },
      { cookie: ';;;=;' },
      { cookie: 'ctg_csrf=%00; ctg_session=%00' },
    ),
    nastyText.filter((s) => s.length < 5_000).map((s) => ({ cookie: `ctg_session=${encode(s)}` })),
    nastyText.filter((s) => s.length < 5_000).map((s) => ({ authorization: `Bearer ${encode(s)}` })),
  );
  const normal: Record<string, string> = own
    ? api
      ? { authorization: `Bearer ${own.token}` }
      : { cookie: own.cookie }
    : {};
  const other: Record<string, string> = own
    ? api
      ? { cookie: own.cookie }
      : { authorization: `Bearer ${own.token}` }
    : {};
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ name: own ? own.name : 'anonyme', headers: normal }) },
    {
      weight: 1,
      arbitrary: fc.constant({ name: own ? `${own.name} (autre moyen)` : 'anonyme', headers: other }),
    },
    { weight: 2, arbitrary: odd.map((headers) => ({ name: 'identifiants bizarres', headers })) },
  );
}

function concretePath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}|:(\w+)|\*/g, (whole, a, b) => {
    if (whole === '*') return values['*'] ?? 'inexistant.css';
    return values[(a ?? b) as string] ?? randomUUID();
  });
}

function apiRequest(role: Role | null): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((op) => {
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    const values = fc.record(
      Object.fromEntries(pathParams.map((p) => [p.name, pathParamValue(p.name, p.schema)])),
    ) as fc.Arbitrary<Record<string, string>>;
    const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> =
      op.method === 'GET' || op.method === 'DELETE'
        ? fc.oneof(
            { weight: 5, arbitrary: fc.constant({}) },
            {
              weight: 1,
              arbitrary: jsonPayload(undefined).map((p) => ({ contentType: 'application/json', payload: p })),
            },
          )
        : op.multipart
          ? fc.oneof(
              { weight: 4, arbitrary: multipartPayload() },
              {
                weight: 1,
                arbitrary: jsonPayload(undefined).map((p) => ({
                  contentType: 'application/json',
                  payload: p,
                })),
              },
            )
          : fc.oneof(
              {
                weight: 6,
                arbitrary: jsonPayload(op.body).map((p) => ({ contentType: 'application/json', payload: p })),
              },
              {
                weight: 2,
                arbitrary: fc
                  .tuple(jsonPayload(op.body), fc.constantFrom(...CONTENT_TYPES))
                  .map(([p, contentType]) => ({ contentType, payload: p })),
              },
              { weight: 1, arbitrary: multipartPayload() },
              { weight: 1, arbitrary: fc.constant({}) },
            );
    return fc
      .tuple(values, queryString(queryParams), body, authHeaders(role, true), fc.boolean())
      .map(([vals, query, b, auth, acceptJson]) => {
        const headers: Record<string, string> = { ...auth.headers };
        if (b.contentType) headers['content-type'] = b.contentType;
        if (acceptJson) headers.accept = 'application/json';
        // PDF conversion takes seconds and has its own tests; the fuzz asks for ODT instead.
        const url = concretePath(op.path, vals) + query.replace(/format=pdf/g, 'format=odt');
        return {
          method: op.method,
          url,
          headers,
          ...(b.payload !== undefined ? { payload: b.payload } : {}),
        };
      });
  });
}

function pageRequest(role: Role | null): fc.Arbitrary<FuzzRequest> {
  const own = role ? credentials.get(role)! : null;
  return fc.constantFrom(...pageRoutes).chain((route) => {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const values = fc.record(
      Object.fromEntries([
        ...names.map((n) => [n, pathParamValue(n, undefined)]),
        ['*', fc.oneof(fc.constant('app.css'), rawPathSegment)],
      ]),
    ) as fc.Arbitrary<Record<string, string>>;
    const query = fc.option(
      fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 6 })), nastyText), {
          maxLength: 3,
        })
        .map((pairs) => `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`),
      { nil: '' },
    );
    const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> =
      route.method === 'GET'
        ? fc.constant({})
        : fc.oneof(
            {
              weight: 5,
              arbitrary: formPayload(own?.csrf ?? '').map((p) => ({
                contentType: 'application/x-www-form-urlencoded',
                payload: p,
              })),
            },
            { weight: 2, arbitrary: multipartPayload() },
            {
              weight: 1,
              arbitrary: fc
                .tuple(formPayload(own?.csrf ?? ''), fc.constantFrom(...CONTENT_TYPES))
                .map(([p, contentType]) => ({ contentType, payload: p })),
            },
            {
              weight: 1,
              arbitrary: jsonPayload(undefined).map((p) => ({ contentType: 'application/json', payload: p })),
            },
          );
    return fc.tuple(values, query, body, authHeaders(role, false)).map(([vals, q, b, auth]) => {
      const headers: Record<string, string> = { ...auth.headers };
      if (b.contentType) headers['content-type'] = b.contentType;
      return {
        method: route.method,
        url: concretePath(route.path, vals) + (q ?? ''),
        headers,
        ...(b.payload !== undefined ? { payload: b.payload } : {}),
      };
    });
  });
}

function requestOf(role: Role | null): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof({ weight: 3, arbitrary: apiRequest(role) }, { weight: 2, arbitrary: pageRequest(role) })
    .map((req) => Object.assign(req, { [fc.toStringMethod]: () => describeRequest(req) }));
}

// ---------------------------------------------------------------------------------------------------
// The properties.

const FRENCH = /[àâçéèêëîïôûùüœ’]|\b(le|la|les|de|des|du|un|une|est|vous|pas|ou|et|ce|cette)\b/i;

function describeRequest(req: FuzzRequest): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} caractères)` : s);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, cut(v)]));
  const payload = req.payload === undefined ? '' : cut(JSON.stringify(String(req.payload)));
  return `${req.method} ${cut(req.url)} ${JSON.stringify(headers)} ${payload}`;
}

function frenchMessageOf(res: { headers: Record<string, unknown>; body: string }): string | null {
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    try {
      const message = (JSON.parse(res.body) as { error?: { message?: unknown } }).error?.message;
      return typeof message === 'string' && FRENCH.test(message) ? message : null;
    } catch {
      return null;
    }
  }
  if (type.startsWith('text/html')) {
    // The error page's lead paragraph, or the error summary of a form shown again.
    const message =
      /<p class="lead">([^<]*)<\/p>/.exec(res.body)?.[1] ??
      /<div class="alert error" role="alert"[^>]*>([\s\S]*?)<\/div>/
        .exec(res.body)?.[1]
        ?.replace(/<[^>]+>/g, ' ');
    return res.body.includes('lang="fr"') && message && FRENCH.test(message) ? message : null;
  }
  return null;
}

async function check(req: FuzzRequest): Promise<void> {
  const before = await changes();
  const res = await app.inject({
    method: req.method,
    url: req.url,
    headers: req.headers,
    payload: req.payload,
  });
  sent++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const what = describeRequest(req);
  if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${what}\n${res.body.slice(0, 500)}`);
  if (res.statusCode >= 400) {
    if (!frenchMessageOf(res)) {
      throw new Error(`${res.statusCode} without a French message for ${what}\n${res.body.slice(0, 500)}`);
    }
    const after = await changes();
    if (after.data !== before.data) {
      throw new Error(
        `${res.statusCode} changed ${after.data - before.data} rows (last in ${after.last}) for ${what}`,
      );
    }
    const isLogin = req.method === 'POST' && req.url.split('?')[0] === '/connexion';
    if (!isLogin && after.loginFailures !== before.loginFailures) {
      throw new Error(`${res.statusCode} recorded a failed login for ${what}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  await seedWorld(handle.db);
  conventionIds = (await listConventions(handle.db, { kind: 'all' })).map((c) => c.id);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
  for (const account of DEMO_ACCOUNTS) {
    const token = (await createApiToken(system(handle.db), { email: account.email })).token;
    await resetPassword(system(handle.db), { email: account.email, password: TEST_PASSWORD });
    const cookie = await loginCookies(app, account.email);
    const home = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
    credentials.set(account.role, { name: account.role, cookie, token, csrf });
  }

  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: Schema }> } }
      >
    >;
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase() as Method,
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: content['application/json']?.schema,
        multipart: method === 'put' && !content['application/json'],
      });
    }
  }
  pageRoutes = routesOf(app.printRoutes({ commonPrefix: false }))
    .filter((r) => !r.path.startsWith('/api/'))
    // Logging out would end the session the rest of the block uses; the route × role test covers it.
    .filter((r) => r.path !== '/deconnexion')
    .map((r) => ({ method: r.method as Method, path: r.path }));
  await installWatch();
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('the fuzz test', () => {
  it('builds its requests from the whole OpenAPI document and every page route', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(pageRoutes.length).toBeGreaterThanOrEqual(40);
    expect(credentials.size).toBe(5);
  });

  it('sees a change of the database (the watch works)', async () => {
    const before = await changes();
    const agent = credentials.get('territory_agent')!;
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/conventions/${conventionIds[0]}`,
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      payload: { placeOfSignature: `Lieu ${randomUUID()}` },
    });
    const after = await changes();
    expect(res.statusCode === 200 ? after.data > before.data : after.data === before.data).toBe(true);
    expect(res.statusCode).toBeLessThan(500);
  });

  const blocks: (Role | null)[] = [null, 'caf_agent', 'territory_agent', 'partner', 'dpo', 'admin'];
  blocks.forEach((role, index) => {
    it(
      `sends ${RUNS_PER_BLOCK} hostile requests as ${role ?? 'anonymous'}: no 5xx, French 4xx that change nothing`,
      async () => {
        await fc.assert(fc.asyncProperty(requestOf(role), check), {
          seed: SEED + index,
          numRuns: RUNS_PER_BLOCK,
          endOnFailure: true,
        });
      },
      BLOCK_TIMEOUT,
    );
  });

  it(`sent at least ${blocks.length * RUNS_PER_BLOCK} requests`, () => {
    console.info(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(sent).toBeGreaterThanOrEqual(blocks.length * RUNS_PER_BLOCK);
  });
});
