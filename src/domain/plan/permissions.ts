/**
 * The plan's lines of the permission declaration, registered by the plan module
 * (`src/modules/plan.module.tsx`) and merged into the one table. The territory's agents edit its
 * plan; a pilot edits the fiches they lead and nothing else (the use case checks that the account
 * is one of the fiche's pilots); partners read and comment on the conventions they take part in;
 * Caf agents read their whole département and validate the plan.
 */
import type { PermissionRule } from '../access/permissions.js';

const rule = (action: string, roles: PermissionRule['roles'], label: string): PermissionRule => ({
  resource: 'plan',
  action,
  roles,
  scope: 'perimeter',
  label,
});

export const PLAN_PERMISSIONS = {
  'plan.read': rule(
    'read',
    ['caf_agent', 'territory_agent', 'partner', 'dpo', 'admin'],
    'Consulter le projet de territoire et le plan d’actions (hors fiches confidentielles pour les partenaires)',
  ),
  'plan.edit': rule(
    'edit',
    ['territory_agent', 'admin'],
    'Modifier le projet de territoire et le plan d’actions de sa collectivité, importer un plan',
  ),
  'plan.edit_piloted': rule(
    'edit_piloted',
    ['caf_agent', 'territory_agent', 'partner', 'admin'],
    'Modifier les fiches actions dont on est pilote, et elles seules',
  ),
  'plan.comment': rule(
    'comment',
    ['caf_agent', 'territory_agent', 'partner', 'admin'],
    'Commenter une fiche action',
  ),
  'plan.read_confidential': rule(
    'read_confidential',
    ['caf_agent', 'territory_agent', 'admin'],
    'Consulter les fiches actions marquées confidentielles',
  ),
  'plan.validate': rule('validate', ['caf_agent', 'admin'], 'Valider le plan d’actions au nom de la Caf'),
} as const satisfies Record<string, PermissionRule>;

export type PlanPermission = keyof typeof PLAN_PERMISSIONS;
