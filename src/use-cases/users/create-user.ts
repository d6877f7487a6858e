/** Creates a local account in an organisation with its roles; the password is hashed with argon2. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inTransaction } from '../../db/executor.js';
import { findOrganisation } from '../../db/repositories/organisation.repository.js';
import { findUserByEmail, insertUser } from '../../db/repositories/user.repository.js';
import { ROLES } from '../../domain/access/access.js';
import { passwordProblem } from '../../domain/access/password-policy.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/secrets.js';
import type { Context } from '../context.js';

export const createUserInput = z.object({
  email: z.email({ error: 'Adresse électronique invalide.' }).transform((e) => e.trim().toLowerCase()),
  displayName: z.string().trim().min(1, { error: 'Le nom est obligatoire.' }),
  password: z.string().superRefine((password, check) => {
    const problem = passwordProblem(password);
    if (problem) check.addIssue({ code: 'custom', message: problem });
  }),
  organisationId: z.string().min(1, { error: 'L’organisme est obligatoire.' }),
  roles: z.array(z.enum(ROLES, { error: 'Rôle inconnu.' })).min(1, { error: 'Au moins un rôle est requis.' }),
});

export type CreateUserInput = z.input<typeof createUserInput>;

export async function createUser(ctx: Context, raw: CreateUserInput): Promise<{ id: string; email: string }> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = createUserInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (tx) => {
    if (!(await findOrganisation(tx, input.organisationId))) {
      throw new AppError('ORGANISATION_NOT_FOUND', { details: { organisationId: input.organisationId } });
    }
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError('USER_ALREADY_EXISTS', { details: { email: input.email } });
    }
    const id = randomUUID();
    const roles = [...new Set(input.roles)];
    await insertUser(
      tx,
      {
        id,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        organisationId: input.organisationId,
      },
      roles,
    );
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      // The account's id is the entity; its name and address stay in the account row only.
      after: { organisationId: input.organisationId, roles },
    });
    return { id, email: input.email };
  });
}
