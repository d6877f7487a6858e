/**
 * Factories that insert real rows through the use cases: the territories of a few départements,
 * the demo organisations and conventions, and users with known passwords.
 */
import type { Db } from '../../src/db/database.js';
import { findOrganisationForTerritory } from '../../src/db/repositories/organisation.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import type { Actor, Role } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { actorOf } from '../../src/use-cases/auth/authenticate.js';
import { type Context, systemContext } from '../../src/use-cases/context.js';
import { seedDemo } from '../../src/use-cases/demo/seed-demo.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { createUser } from '../../src/use-cases/users/create-user.js';

export const TEST_PASSWORD = 'mot-de-passe-de-test';
export const clock: Clock = fixedClock('2026-11-28');

export function system(db: Db): Context {
  return systemContext(db, clock);
}

/** Territories of the Yvelines and the Val-d'Oise (the CA Saint Germain Boucles de Seine spans both), demo data. */
export async function seedWorld(db: Db) {
  // A database copied from the seeded one (`createTestDatabase({ world: true })`) already holds it all.
  const seeded = await findOrganisationForTerritory(db, 'caf', 'departement', '95');
  const ctx = system(db);
  if (!seeded) await seedDemo(ctx, { departements: ['78', '95'] });
  const caf78 = (await findOrganisationForTerritory(db, 'caf', 'departement', '78'))!;
  const carrieres = (await findOrganisationForTerritory(db, 'commune', 'commune', '78124'))!;
  const chatou = (await findOrganisationForTerritory(db, 'commune', 'commune', '78146'))!;
  const caf95 =
    seeded ??
    (await createOrganisation(ctx, {
      kind: 'caf',
      territoryCode: '95',
      name: 'Caf du Val-d’Oise',
    }));
  return { caf78, caf95, carrieres, chatou };
}

export async function makeUser(db: Db, email: string, organisationId: string, roles: Role[]): Promise<Actor> {
  await createUser(system(db), {
    email,
    displayName: email.split('@')[0]!,
    password: TEST_PASSWORD,
    organisationId,
    roles,
  });
  return actorOf((await findUserByEmail(db, email))!);
}

export function as(db: Db, actor: Actor): Context {
  return { db, clock, actor };
}
