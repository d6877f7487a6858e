/**
 * Renders the permission declaration and the routes that need each permission as the French
 * Markdown page docs/permissions.md, so that the documentation cannot drift from the code.
 */
import { ROLE_LABELS, ROLES } from '../domain/access/access.js';
import type { PermissionTable, Scope } from '../domain/access/permissions.js';
import { installedModules } from '../modules/index.js';
import type { RoutePermissionTable } from './route-permissions.js';

const SCOPE_LABELS: Record<Scope, string> = {
  public: 'sans connexion',
  none: 'le rôle suffit',
  perimeter:
    'dans son périmètre (département de sa Caf, sa commune ou son EPCI, conventions dont son organisme est partie)',
  party: 'dans son périmètre et pour la partie pour laquelle on agit (son propre organisme)',
  own_caf: 'les ressources de sa propre Caf',
  own_account: 'son propre compte',
};

function who(permissions: PermissionTable, permission: string): string {
  const p = permissions[permission];
  if (!p) return '—';
  if (p.scope === 'public') return 'tout le monde';
  return p.roles.map((r) => `\`${r}\``).join(', ');
}

/** The page for the platform with its installed modules (their lines are part of the one declaration). */
export function renderPermissionsDoc(
  tables: { permissions: PermissionTable; routePermissions: RoutePermissionTable } = installedModules(),
): string {
  const { permissions, routePermissions } = tables;
  const out: string[] = [];
  out.push('# Droits : rôles, ressources, actions et périmètres');
  out.push('');
  out.push(
    '> Page générée par `npx tsx scripts/generate-permissions-doc.ts` à partir de `src/domain/access/permissions.ts`, `src/web/route-permissions.ts` et des modules installés (`src/modules/`) : ne pas la modifier à la main.',
  );
  out.push('');
  out.push(
    'Chaque personne agit pour son propre organisme : une signature, une mise en demeure, une dénonciation est enregistrée par une personne de la partie concernée (les signataires de la Caf par un·e conseiller·ère de cette Caf, ceux de la commune par un agent de la commune). Une ressource qu’on ne peut pas voir reçoit la même réponse (404) qu’une ressource qui n’existe pas. Chaque route vérifie d’abord le rôle que demande sa permission, avant de lire ce qu’on lui envoie (401 sans connexion, 403 sans ce rôle) ; le cas d’usage vérifie ensuite le périmètre (la Caf, le territoire, la partie).',
  );
  out.push('');
  out.push('## Rôles');
  out.push('');
  out.push('| rôle | libellé |');
  out.push('|---|---|');
  for (const r of ROLES) out.push(`| \`${r}\` | ${ROLE_LABELS[r]} |`);
  out.push('');
  out.push('## Permissions');
  out.push('');
  out.push('| permission | ressource | action | rôles | périmètre | ce qu’elle permet |');
  out.push('|---|---|---|---|---|---|');
  for (const [name, p] of Object.entries(permissions)) {
    out.push(
      `| \`${name}\` | ${p.resource} | ${p.action} | ${who(permissions, name)} | ${SCOPE_LABELS[p.scope]} | ${p.label} |`,
    );
  }
  out.push('');
  out.push('## Routes');
  out.push('');
  out.push('| route | permission | qui peut l’appeler |');
  out.push('|---|---|---|');
  for (const [route, permission] of Object.entries(routePermissions).sort(([a], [b]) => {
    const [ma, pa] = a.split(' ') as [string, string];
    const [mb, pb] = b.split(' ') as [string, string];
    return pa === pb ? ma.localeCompare(mb) : pa.localeCompare(pb);
  })) {
    out.push(`| \`${route.replaceAll('|', '\\|')}\` | \`${permission}\` | ${who(permissions, permission)} |`);
  }
  out.push('');
  return out.join('\n');
}
