/** `ctg user create|reset-password|anonymise` and `ctg token create|list|revoke`: accounts and API tokens. */
import type { Command } from 'commander';
import {
  findOrganisation,
  findOrganisationForTerritory,
} from '../../db/repositories/organisation.repository.js';
import type { OrganisationKind } from '../../domain/access/access.js';
import { ROLES, type Role } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import { generatePassword } from '../../use-cases/auth/secrets.js';
import { createOrganisation } from '../../use-cases/organisations/create-organisation.js';
import { anonymiseUser } from '../../use-cases/users/anonymise-user.js';
import {
  createApiToken,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
} from '../../use-cases/users/create-api-token.js';
import { createUser } from '../../use-cases/users/create-user.js';
import { type ApiTokenStatus, listApiTokens } from '../../use-cases/users/list-api-tokens.js';
import { resetPassword } from '../../use-cases/users/reset-password.js';
import { revokeApiToken } from '../../use-cases/users/revoke-api-token.js';
import { cliIo, print, withDatabase } from '../runtime.js';

const ORG_KINDS: Record<string, { kind: OrganisationKind; level: 'departement' | 'commune' | 'epci' }> = {
  caf: { kind: 'caf', level: 'departement' },
  commune: { kind: 'commune', level: 'commune' },
  epci: { kind: 'epci', level: 'epci' },
  departement: { kind: 'departement', level: 'departement' },
};

export function register(program: Command): void {
  const user = program.command('user').description('Gère les comptes des utilisateurs');
  user
    .command('create')
    .description('Crée un compte local (le mot de passe est affiché une fois s’il est généré)')
    .requiredOption('--email <adresse>', 'adresse électronique')
    .requiredOption('--name <nom>', 'nom affiché')
    .requiredOption('--role <rôles>', `rôles séparés par des virgules : ${ROLES.join(', ')}`)
    .option('--organisation <id>', 'identifiant d’un organisme existant')
    .option('--caf <département>', 'la Caf de ce département (créée si besoin)')
    .option('--commune <code>', 'la commune de ce code INSEE (créée si besoin)')
    .option('--epci <siren>', 'l’EPCI de ce SIREN (créé si besoin)')
    .option('--password <mot de passe>', 'mot de passe (12 caractères au moins) ; généré sinon')
    .action(async (o: Record<string, string | undefined>) => {
      const roles = (o.role ?? '').split(',').map((r) => r.trim()) as Role[];
      const unknown = roles.filter((r) => !ROLES.includes(r));
      if (unknown.length) {
        throw new AppError('VALIDATION_FAILED', {
          message: `Rôle inconnu : ${unknown.join(', ')}. Rôles possibles : ${ROLES.join(', ')}.`,
        });
      }
      const password = o.password ?? generatePassword();
      await withDatabase(async (ctx) => {
        let organisationId = o.organisation;
        if (organisationId && !(await findOrganisation(ctx.db, organisationId))) {
          throw new AppError('ORGANISATION_NOT_FOUND', { details: { organisationId } });
        }
        for (const key of ['caf', 'commune', 'epci'] as const) {
          const code = o[key];
          if (!code || organisationId) continue;
          const { kind, level } = ORG_KINDS[key]!;
          const org =
            (await findOrganisationForTerritory(ctx.db, kind, level, code)) ??
            (await createOrganisation(ctx, { kind, territoryCode: code }));
          organisationId = org.id;
        }
        if (!organisationId) {
          throw new AppError('VALIDATION_FAILED', {
            message: 'Indiquez l’organisme : --organisation, --caf, --commune ou --epci.',
          });
        }
        const created = await createUser(ctx, {
          email: o.email ?? '',
          displayName: o.name ?? '',
          password,
          organisationId,
          roles,
        });
        print(`Compte créé : ${created.email}`);
        if (!o.password) print(`Mot de passe (affiché une seule fois) : ${password}`);
      });
    });
  user
    .command('reset-password')
    .description('Donne un nouveau mot de passe à un utilisateur (affiché une fois s’il est généré)')
    .requiredOption('--email <adresse>', 'adresse électronique')
    .option('--password <mot de passe>', 'nouveau mot de passe ; généré sinon')
    .action(async (o: { email: string; password?: string }) => {
      const password = o.password ?? generatePassword();
      await withDatabase((ctx) => resetPassword(ctx, { email: o.email, password }));
      print(`Mot de passe de ${o.email} changé ; ses sessions ouvertes sont fermées.`);
      if (!o.password) print(`Nouveau mot de passe (affiché une seule fois) : ${password}`);
    });

  user
    .command('anonymise')
    .description(
      'Efface une personne : son nom et son adresse disparaissent partout, son compte est désactivé',
    )
    .requiredOption('--email <adresse>', 'adresse électronique du compte à anonymiser')
    .action(async (o: { email: string }) => {
      const result = await withDatabase((ctx) => anonymiseUser(ctx, { email: o.email }));
      print(
        result.alreadyAnonymised
          ? `Ce compte était déjà anonymisé (identifiant ${result.userId}).`
          : `Compte ${result.userId} anonymisé : nom et adresse effacés, sessions et jetons supprimés.`,
      );
    });

  const token = program.command('token').description('Gère les jetons d’accès à l’API');
  token
    .command('create')
    .description('Crée un jeton d’API pour un utilisateur ; il est affiché une seule fois')
    .requiredOption('--user <adresse>', 'adresse électronique de l’utilisateur')
    .option('--label <libellé>', 'à quoi sert ce jeton')
    .option(
      '--expire-dans <jours>',
      `durée de validité en jours, de 1 à ${TOKEN_MAX_DAYS}`,
      String(TOKEN_DEFAULT_DAYS),
    )
    .action(async (o: { user: string; label?: string; expireDans: string }) => {
      const days = /^\d+$/.test(o.expireDans) ? Number(o.expireDans) : Number.NaN;
      const created = await withDatabase((ctx) =>
        createApiToken(ctx, { email: o.user, expiresInDays: days, ...(o.label ? { label: o.label } : {}) }),
      );
      print(created.token);
      cliIo().stderr.write(
        `Jeton créé, valable jusqu’au ${formatDateTime(created.expiresAt)} : conservez-le, il ne sera plus affiché.\n`,
      );
    });
  token
    .command('list')
    .description('Liste les jetons d’API d’un utilisateur (jamais les jetons eux-mêmes)')
    .requiredOption('--user <adresse>', 'adresse électronique de l’utilisateur')
    .action(async (o: { user: string }) => {
      const tokens = await withDatabase((ctx) => listApiTokens(ctx, { email: o.user }));
      if (!tokens.length) {
        print(`Aucun jeton pour ${o.user.trim().toLowerCase()}.`);
        return;
      }
      const rows = tokens.map((t) => [
        t.id,
        t.prefix ? `${t.prefix}…` : '—',
        t.label,
        formatDateTime(t.createdAt),
        formatDateTime(t.expiresAt),
        t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'jamais',
        STATUS_LABELS[t.status],
      ]);
      const header = [
        'Identifiant',
        'Début',
        'Libellé',
        'Créé le',
        'Expire le',
        'Dernière utilisation',
        'État',
      ];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const line of [header, ...rows]) {
        print(
          line
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        );
      }
    });
  token
    .command('revoke')
    .description('Révoque un jeton d’API : il est refusé dès maintenant')
    .argument('<identifiant>', 'identifiant du jeton (voir « ctg token list »)')
    .action(async (id: string) => {
      const revoked = await withDatabase((ctx) => revokeApiToken(ctx, { id }));
      print(
        revoked.alreadyRevoked
          ? `Le jeton « ${revoked.label} » était déjà révoqué.`
          : `Jeton « ${revoked.label} » révoqué.`,
      );
    });
}

const STATUS_LABELS: Record<ApiTokenStatus, string> = {
  active: 'actif',
  expired: 'expiré',
  revoked: 'révoqué',
};

/** « 28/11/2026 09:42 », Paris time. */
function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}
