/**
 * Demo data: the Caf des Yvelines, the commune of Carrières-sur-Seine and its convention of the seed
 * (1 January 2024 – 31 December 2027) with its project of the territory and action plan, a second
 * commune's draft, and one account per role.
 * Idempotent: what exists is kept; passwords are returned only for accounts created now.
 */

import { readFile } from 'node:fs/promises';
import { listConventions } from '../../db/repositories/convention.repository.js';
import { codesWithValues } from '../../db/repositories/diagnostic.repository.js';
import { findOrganisationForTerritory } from '../../db/repositories/organisation.repository.js';
import { countTerritories, findTerritory } from '../../db/repositories/territory.repository.js';
import { findUserByEmail } from '../../db/repositories/user.repository.js';
import type { OrganisationKind, Role } from '../../domain/access/access.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import { generatePassword } from '../auth/secrets.js';
import type { Context } from '../context.js';
import { createConvention } from '../conventions/create-convention.js';
import { generateSyntheticDiagnostic } from '../diagnostic/generate-synthetic-diagnostic.js';
import { importDiagnostic } from '../diagnostic/import-diagnostic.js';
import { createOrganisation } from '../organisations/create-organisation.js';
import { importTerritories } from '../territories/import-territories.js';
import { createUser } from '../users/create-user.js';
import { seedDemoPlan } from './seed-demo-plan.js';

export const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  role: Role;
  org: 'caf' | 'commune' | 'partner';
}[] = [
  {
    email: 'conseiller.caf@demo.ctg.test',
    displayName: 'Conseiller·ère territorial·e (démo)',
    role: 'caf_agent',
    org: 'caf',
  },
  {
    email: 'agent.carrieres@demo.ctg.test',
    displayName: 'Agent de Carrières-sur-Seine (démo)',
    role: 'territory_agent',
    org: 'commune',
  },
  {
    email: 'partenaire@demo.ctg.test',
    displayName: 'Partenaire du Département (démo)',
    role: 'partner',
    org: 'partner',
  },
  {
    email: 'dpo@demo.ctg.test',
    displayName: 'Délégué·e à la protection des données (démo)',
    role: 'dpo',
    org: 'caf',
  },
  { email: 'admin@demo.ctg.test', displayName: 'Administrateur·rice (démo)', role: 'admin', org: 'caf' },
];

/** The seed's annexe 1 figures for Carrières-sur-Seine and the Yvelines, in the long layout. */
/** CA Saint Germain Boucles de Seine, the EPCI of Carrières-sur-Seine. */
const DEMO_EPCI = '200058519';

const SEED_DIAGNOSTIC = new URL(
  '../../imports/diagnostic/fixtures/carrieres-sur-seine-78.csv',
  import.meta.url,
);

export interface DemoResult {
  territoriesImported: boolean;
  diagnosticImported: boolean;
  /** The plan of Carrières-sur-Seine's convention was written now (false: it had one already). */
  planWritten: boolean;
  createdAccounts: { email: string; password: string; role: Role }[];
}

async function ensureOrganisation(
  ctx: Context,
  kind: OrganisationKind,
  level: TerritoryLevel,
  code: string,
  name: string,
) {
  return (
    (await findOrganisationForTerritory(ctx.db, kind, level, code)) ??
    (await createOrganisation(ctx, { kind, territoryCode: code, name }))
  );
}

export async function seedDemo(ctx: Context, options: { departements?: string[] } = {}): Promise<DemoResult> {
  const counts = await countTerritories(ctx.db);
  let territoriesImported = false;
  if (counts.commune === 0) {
    await importTerritories(ctx, options);
    territoriesImported = true;
  }
  const caf = await ensureOrganisation(
    ctx,
    'caf',
    'departement',
    '78',
    'Caisse d’allocations familiales des Yvelines',
  );
  const carrieres = await ensureOrganisation(
    ctx,
    'commune',
    'commune',
    '78124',
    'Commune de Carrières-sur-Seine',
  );
  const chatou = await ensureOrganisation(ctx, 'commune', 'commune', '78146', 'Commune de Chatou');
  const departement = await ensureOrganisation(
    ctx,
    'departement',
    'departement',
    '78',
    'Conseil départemental des Yvelines',
  );

  const existing = await listConventions(ctx.db, { kind: 'all' });
  if (!existing.some((c) => c.territoryCode === '78124')) {
    await createConvention(ctx, {
      territory: { level: 'commune', code: '78124' },
      variant: 'commune_over_5000',
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      placeOfSignature: 'Versailles',
      // The seed's signatories; the deliberation (annex 7) is left for the commune to attach.
      parties: [
        {
          organisationId: caf.id,
          role: 'caf',
          signatories: [
            {
              id: 'caf-78-president',
              civility: 'madame',
              firstName: 'Sophie',
              lastName: 'BARROIS',
              function: 'board_chair',
              authority: { kind: 'board_deliberation', date: '2022-01-31' },
            },
            {
              id: 'caf-78-director',
              civility: 'monsieur',
              firstName: 'Didier',
              lastName: 'GROSJEAN',
              function: 'director',
              authority: { kind: 'office', date: null },
            },
          ],
        },
        {
          organisationId: carrieres.id,
          role: 'local_authority',
          signatories: [
            {
              id: 'commune-78124-mayor',
              civility: 'monsieur',
              firstName: 'Arnaud',
              lastName: 'de BOURROUSSE',
              function: 'mayor',
              authority: { kind: 'municipal_council_deliberation', date: '2024-11-25' },
            },
          ],
        },
      ],
    });
  }
  if (!existing.some((c) => c.territoryCode === '78146')) {
    // A draft whose signatories are not named yet: shows that another commune's agent sees nothing of it.
    await createConvention(ctx, {
      territory: { level: 'commune', code: '78146' },
      variant: 'commune_over_5000',
      startDate: '2025-01-01',
      endDate: '2028-12-31',
      placeOfSignature: 'Versailles',
      parties: [
        { organisationId: caf.id, role: 'caf', signatories: [] },
        { organisationId: chatou.id, role: 'local_authority', signatories: [] },
      ],
    });
  }

  // Loaded once: a second start finds the commune's figures and leaves them (and any re-import) alone.
  let diagnosticImported = false;
  if ((await codesWithValues(ctx.db, 'commune', ['78124'])).size === 0) {
    await importDiagnostic(ctx, {
      fileName: 'carrieres-sur-seine-78.csv',
      bytes: await readFile(SEED_DIAGNOSTIC),
      format: 'long_csv',
    });
    diagnosticImported = true;
  }
  // The other communes of Carrières-sur-Seine's EPCI get synthetic figures (said as such on every
  // output), so that the EPCI's diagnostic adds up its members' counts: a figure or "s" on every row.
  const epci = await findTerritory(ctx.db, 'epci', DEMO_EPCI);
  if (epci) await generateSyntheticDiagnostic(ctx, { epci: epci.code });

  // The plan of the seed's convention, from its articles 2 to 4 and the diagnostic above.
  const demoConvention =
    existing.find((c) => c.territoryCode === '78124') ??
    (await listConventions(ctx.db, { kind: 'all' })).find((c) => c.territoryCode === '78124');
  const planWritten = demoConvention ? await seedDemoPlan(ctx, demoConvention.id) : false;

  const orgIds = { caf: caf.id, commune: carrieres.id, partner: departement.id };
  const createdAccounts: DemoResult['createdAccounts'] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(ctx.db, account.email)) continue;
    const password = generatePassword();
    await createUser(ctx, {
      email: account.email,
      displayName: account.displayName,
      password,
      organisationId: orgIds[account.org],
      roles: [account.role],
    });
    createdAccounts.push({ email: account.email, password, role: account.role });
  }
  return { territoriesImported, diagnosticImported, planWritten, createdAccounts };
}
