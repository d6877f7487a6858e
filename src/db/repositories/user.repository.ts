/** Users, their roles, sessions, API tokens and failed logins. */
import { sql } from 'kysely';
import type { Role } from '../../domain/access/access.js';
import type { Executor } from '../executor.js';
import type { OrganisationRow } from './organisation.repository.js';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  organisationId: string;
  disabled: boolean;
  /** Set once the person was erased: name and e-mail are placeholders. */
  anonymisedAt: Date | null;
}

export interface UserWithAccess extends UserRow {
  roles: Role[];
  organisation: OrganisationRow;
  /** When the account was read through a session: when that session ends. */
  sessionExpiresAt?: Date;
}

export async function insertUser(
  exec: Executor,
  user: Omit<UserRow, 'disabled' | 'anonymisedAt'>,
  roles: Role[],
): Promise<void> {
  await exec
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      organisation_id: user.organisationId,
    })
    .execute();
  if (roles.length) {
    await exec
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: user.id, role })))
      .execute();
  }
}

export async function updatePasswordHash(exec: Executor, userId: string, hash: string): Promise<void> {
  await exec.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

/** The accounts, their organisations and their roles, in one query. */
async function withAccessAll(
  exec: Executor,
  where: { email?: string; emails?: readonly string[]; id?: string; session?: { id: string; now: Date } },
): Promise<UserWithAccess[]> {
  let query = exec
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      sql<Role[]>`array(select r.role from user_roles r where r.user_id = u.id order by r.role)`.as('roles'),
      'u.id',
      'u.email',
      'u.display_name as displayName',
      'u.password_hash as passwordHash',
      'u.organisation_id as organisationId',
      'u.disabled',
      'u.anonymised_at as anonymisedAt',
      'o.kind as orgKind',
      'o.name as orgName',
      'o.territory_level as orgTerritoryLevel',
      'o.territory_code as orgTerritoryCode',
      'o.siren as orgSiren',
    ]);
  if (where.email !== undefined) query = query.where('u.email', '=', where.email);
  if (where.emails !== undefined)
    query = query.where('u.email', '=', sql<string>`any(${[...where.emails]}::text[])`);
  if (where.id !== undefined) query = query.where('u.id', '=', where.id);
  if (where.session !== undefined) {
    const { id, now } = where.session;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sessions as s')
          .whereRef('s.user_id', '=', 'u.id')
          .where('s.id', '=', id)
          .where('s.expires_at', '>', now)
          .select(sql`1`.as('one')),
      ),
    );
  }
  const rows = await query
    .$if(where.session !== undefined, (q) =>
      q.select(
        sql<Date | string>`(select s.expires_at from sessions s where s.id = ${where.session!.id})`.as(
          'sessionExpiresAt',
        ),
      ),
    )
    .execute();
  return rows.map((row) => ({
    ...(row.sessionExpiresAt === undefined ? {} : { sessionExpiresAt: new Date(row.sessionExpiresAt) }),
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    organisationId: row.organisationId,
    disabled: row.disabled,
    anonymisedAt: row.anonymisedAt === null ? null : new Date(row.anonymisedAt),
    roles: [...row.roles].sort(),
    organisation: {
      id: row.organisationId,
      kind: row.orgKind,
      name: row.orgName,
      territoryLevel: row.orgTerritoryLevel,
      territoryCode: row.orgTerritoryCode,
      siren: row.orgSiren,
    },
  }));
}

async function withAccess(
  exec: Executor,
  where: { email?: string; id?: string; session?: { id: string; now: Date } },
): Promise<UserWithAccess | undefined> {
  return (await withAccessAll(exec, where))[0];
}

/** The accounts of these e-mails (stored in lower case), in one query; an unknown address is absent. */
export function findUsersByEmails(exec: Executor, emails: readonly string[]): Promise<UserWithAccess[]> {
  return emails.length ? withAccessAll(exec, { emails }) : Promise.resolve([]);
}

export function findUserByEmail(exec: Executor, email: string): Promise<UserWithAccess | undefined> {
  return withAccess(exec, { email });
}

export function findUserById(exec: Executor, id: string): Promise<UserWithAccess | undefined> {
  return withAccess(exec, { id });
}

/** The account of a session that has not expired, read with the session in one query. */
export function findUserBySession(
  exec: Executor,
  sessionId: string,
  now: Date,
): Promise<UserWithAccess | undefined> {
  return withAccess(exec, { session: { id: sessionId, now } });
}

export async function listUsers(
  exec: Executor,
  filter: { organisationId?: string } = {},
): Promise<UserWithAccess[]> {
  let query = exec.selectFrom('users').select('id').orderBy('display_name').orderBy('email');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  const ids = await query.execute();
  const users: UserWithAccess[] = [];
  for (const { id } of ids) {
    const u = await withAccess(exec, { id });
    if (u) users.push(u);
  }
  return users;
}

export async function countUsers(exec: Executor): Promise<number> {
  const row = await exec
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  exec: Executor,
  session: { id: string; userId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await exec
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      expires_at: session.expiresAt,
      created_at: session.createdAt,
    })
    .execute();
}

export async function deleteSession(exec: Executor, id: string): Promise<void> {
  await exec.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(exec: Executor, now: Date): Promise<void> {
  await exec.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
  exec: Executor,
  token: {
    id: string;
    userId: string;
    tokenHash: string;
    label: string;
    prefix: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await exec
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      token_hash: token.tokenHash,
      label: token.label,
      prefix: token.prefix,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The owner of a token that is neither revoked nor expired at `now`. */
export async function findApiTokenUserId(
  exec: Executor,
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  const row = await exec
    .selectFrom('api_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id;
}

export interface ApiTokenRow {
  id: string;
  userId: string;
  label: string;
  prefix: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function tokenColumns() {
  return [
    'id',
    'user_id as userId',
    'label',
    'prefix',
    'created_at as createdAt',
    'expires_at as expiresAt',
    'last_used_at as lastUsedAt',
    'revoked_at as revokedAt',
  ] as const;
}

export async function listApiTokensOfUser(exec: Executor, userId: string): Promise<ApiTokenRow[]> {
  const rows = await exec
    .selectFrom('api_tokens')
    .select(tokenColumns())
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toTokenRow);
}

export async function findApiTokenForUpdate(exec: Executor, id: string): Promise<ApiTokenRow | undefined> {
  const row = await exec
    .selectFrom('api_tokens')
    .select(tokenColumns())
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toTokenRow(row) : undefined;
}

function toTokenRow(row: {
  id: string;
  userId: string;
  label: string;
  prefix: string | null;
  createdAt: Date | string;
  expiresAt: Date | string;
  lastUsedAt: Date | string | null;
  revokedAt: Date | string | null;
}): ApiTokenRow {
  const date = (d: Date | string) => (d instanceof Date ? d : new Date(d));
  return {
    id: row.id,
    userId: row.userId,
    label: row.label,
    prefix: row.prefix,
    createdAt: date(row.createdAt),
    expiresAt: date(row.expiresAt),
    lastUsedAt: row.lastUsedAt === null ? null : date(row.lastUsedAt),
    revokedAt: row.revokedAt === null ? null : date(row.revokedAt),
  };
}

export async function revokeApiTokenRow(exec: Executor, id: string, now: Date): Promise<void> {
  await exec
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of an account (after a password reset); returns how many were open. */
export async function deleteSessionsOfUser(exec: Executor, userId: string): Promise<number> {
  const result = await exec.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Failed logins of an account or of an address since `since`, as the throttle counts them. */
export async function listLoginFailures(
  exec: Executor,
  keys: { accountKey: string; addressKey: string },
  since: Date,
): Promise<{ accountKey: string; addressKey: string; failedAt: Date }[]> {
  const rows = await exec
    .selectFrom('login_failures')
    .select(['account_key as accountKey', 'address_key as addressKey', 'failed_at as failedAt'])
    .where('failed_at', '>', since)
    .where((eb) => eb.or([eb('account_key', '=', keys.accountKey), eb('address_key', '=', keys.addressKey)]))
    .execute();
  return rows.map((r) => ({
    ...r,
    failedAt: r.failedAt instanceof Date ? r.failedAt : new Date(r.failedAt),
  }));
}

/** Records a failed login; returns its id. */
export async function insertLoginFailure(
  exec: Executor,
  failure: { accountKey: string; addressKey: string; failedAt: Date },
): Promise<bigint> {
  const row = await exec
    .insertInto('login_failures')
    .values({ account_key: failure.accountKey, address_key: failure.addressKey, failed_at: failure.failedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteLoginFailure(exec: Executor, id: bigint): Promise<void> {
  await exec.deleteFrom('login_failures').where('id', '=', id).execute();
}

export async function deleteLoginFailuresBefore(exec: Executor, before: Date): Promise<void> {
  await exec.deleteFrom('login_failures').where('failed_at', '<=', before).execute();
}

export async function touchApiToken(exec: Executor, tokenHash: string, now: Date): Promise<void> {
  await exec
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * Serialises the logins of one account or address for the rest of the transaction, so that
 * parallel attempts cannot all pass the limit before their failures are written.
 */
export async function lockLoginKeys(exec: Executor, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(exec);
  }
}

/** Locks an account's row until the transaction ends. */
export async function lockUser(exec: Executor, id: string): Promise<void> {
  await exec.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

export async function setUserDisabled(exec: Executor, id: string, disabled: boolean): Promise<void> {
  await exec.updateTable('users').set({ disabled }).where('id', '=', id).execute();
}

export async function replaceUserRoles(exec: Executor, id: string, roles: Role[]): Promise<void> {
  await exec.deleteFrom('user_roles').where('user_id', '=', id).execute();
  if (roles.length) {
    await exec
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
  }
}

/** How many accounts hold each role, disabled and anonymised ones left out. */
export async function countActiveUsersByRole(exec: Executor): Promise<Map<Role, number>> {
  const rows = await exec
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.role', (eb) => eb.fn.countAll<bigint>().as('n')])
    .where('u.disabled', '=', false)
    .where('u.anonymised_at', 'is', null)
    .groupBy('r.role')
    .execute();
  return new Map(rows.map((r) => [r.role, Number(r.n)]));
}

/** Deletes every API token of an account; returns their ids. */
export async function deleteApiTokensOfUser(exec: Executor, userId: string): Promise<string[]> {
  const rows = await exec.deleteFrom('api_tokens').where('user_id', '=', userId).returning('id').execute();
  return rows.map((r) => r.id);
}

export async function deleteLoginFailuresOfAccount(exec: Executor, accountKey: string): Promise<number> {
  const result = await exec
    .deleteFrom('login_failures')
    .where('account_key', '=', accountKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Replaces the person's name and e-mail in their account row by placeholders, removes the password
 * and the roles, and disables the account. The row stays, so that ids pointing at it still resolve
 * (to « Personne anonymisée »).
 */
export async function anonymiseUserRow(
  exec: Executor,
  id: string,
  placeholder: { email: string; displayName: string },
  now: Date,
): Promise<void> {
  await exec
    .updateTable('users')
    .set({
      email: placeholder.email,
      display_name: placeholder.displayName,
      password_hash: null,
      disabled: true,
      anonymised_at: now,
    })
    .where('id', '=', id)
    .execute();
  await exec.deleteFrom('user_roles').where('user_id', '=', id).execute();
}
