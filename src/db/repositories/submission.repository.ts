/**
 * Single submissions: the token a creation form carries, stored with what it created (migration
 * 0009), and the unique-violation test used when two transactions race for one slot.
 */
import type { Executor } from '../executor.js';

export type SubmissionKind = 'convention.create' | 'avenant.create';

export interface Submission {
  token: string;
  kind: SubmissionKind;
  /** The convention the form acts on (the new one for a creation). */
  entityId: string;
  /** What the form created: the convention, or the avenant. */
  resultId: string;
}

/** The earlier submission of this token by the same account (another account's token answers nothing). */
export async function findSubmission(
  exec: Executor,
  token: string,
  kind: SubmissionKind,
  actorUserId: string | null,
): Promise<Submission | undefined> {
  const row = await exec
    .selectFrom('form_submissions')
    .select(['token', 'kind', 'entity_id', 'result_id'])
    .where('token', '=', token)
    .where('kind', '=', kind)
    .where('actor_user_id', 'is not distinct from', actorUserId)
    .executeTakeFirst();
  return row
    ? { token: row.token, kind: row.kind, entityId: row.entity_id, resultId: row.result_id }
    : undefined;
}

export async function insertSubmission(
  exec: Executor,
  s: Submission & { actorUserId: string | null; now: Date },
): Promise<void> {
  await exec
    .insertInto('form_submissions')
    .values({
      token: s.token,
      kind: s.kind,
      entity_id: s.entityId,
      result_id: s.resultId,
      actor_user_id: s.actorUserId,
      created_at: s.now,
    })
    .execute();
}

/** The French refusal of a token already used by someone else (a replayed or copied form). */
export const USED_TOKEN = {
  field: 'submissionToken',
  message: 'Ce formulaire a déjà servi à une autre personne : rechargez la page.',
} as const;

/** A write refused by a unique index (PostgreSQL's 23505, from either driver). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
