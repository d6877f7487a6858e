/** Users, their roles, sessions and API tokens. */
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
}

export interface UserWithAccess extends UserRow {
  roles: Role[];
  organisation: OrganisationRow;
}

export async function insertUser(
  exec: Executor,
  user: Omit<UserRow, 'disabled'>,
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

async function withAccess(
  exec: Executor,
  where: { email?: string; id?: string },
): Promise<UserWithAccess | undefined> {
  let query = exec
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name as displayName',
      'u.password_hash as passwordHash',
      'u.organisation_id as organisationId',
      'u.disabled',
      'o.kind as orgKind',
      'o.name as orgName',
      'o.territory_level as orgTerritoryLevel',
      'o.territory_code as orgTerritoryCode',
      'o.siren as orgSiren',
    ]);
  if (where.email !== undefined) query = query.where('u.email', '=', where.email);
  if (where.id !== undefined) query = query.where('u.id', '=', where.id);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const roles = await exec.selectFrom('user_roles').select('role').where('user_id', '=', row.id).execute();
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    organisationId: row.organisationId,
    disabled: row.disabled,
    roles: roles.map((r) => r.role).sort(),
    organisation: {
      id: row.organisationId,
      kind: row.orgKind,
      name: row.orgName,
      territoryLevel: row.orgTerritoryLevel,
      territoryCode: row.orgTerritoryCode,
      siren: row.orgSiren,
    },
  };
}

export function findUserByEmail(exec: Executor, email: string): Promise<UserWithAccess | undefined> {
  return withAccess(exec, { email });
}

export function findUserById(exec: Executor, id: string): Promise<UserWithAccess | undefined> {
  return withAccess(exec, { id });
}

export async function listUsers(exec: Executor): Promise<UserWithAccess[]> {
  const ids = await exec.selectFrom('users').select('id').orderBy('email').execute();
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

export async function findSessionUserId(exec: Executor, id: string, now: Date): Promise<string | undefined> {
  const row = await exec
    .selectFrom('sessions')
    .select('user_id')
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id;
}

export async function deleteSession(exec: Executor, id: string): Promise<void> {
  await exec.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(exec: Executor, now: Date): Promise<void> {
  await exec.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
  exec: Executor,
  token: { id: string; userId: string; tokenHash: string; label: string; createdAt: Date },
): Promise<void> {
  await exec
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      token_hash: token.tokenHash,
      label: token.label,
      created_at: token.createdAt,
    })
    .execute();
}

export async function findApiTokenUserId(exec: Executor, tokenHash: string): Promise<string | undefined> {
  const row = await exec
    .selectFrom('api_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.user_id;
}

export async function touchApiToken(exec: Executor, tokenHash: string, now: Date): Promise<void> {
  await exec
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}
