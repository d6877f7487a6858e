/**
 * Who may import diagnostic figures: the system (command line), administrators, and Caf agents for
 * territories lying in their Caf's département. Reading is open to any authenticated user, because
 * every figure that leaves the server has gone through statistical secrecy.
 */
import { type Actor, hasRole } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';

/** The codes the actor may not import, given every département each territory lies in. */
export function territoriesOutsideImportScope(
  actor: Actor,
  departementsByTerritory: ReadonlyMap<string, readonly string[]>,
): string[] | 'forbidden' {
  if (!can(actor, 'diagnostic.import')) return 'forbidden';
  // The permission's perimeter: every territory of the Caf's département (an admin has them all).
  if (actor.kind === 'system' || hasRole(actor, 'admin')) return [];
  const org = actor.organisation;
  if (org.kind !== 'caf' || org.territoryLevel !== 'departement' || !org.territoryCode) return 'forbidden';
  const own = org.territoryCode;
  return [...departementsByTerritory]
    .filter(([, departements]) => !departements.includes(own))
    .map(([key]) => key.slice(key.indexOf(':') + 1));
}
