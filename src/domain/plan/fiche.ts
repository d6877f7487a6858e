/**
 * Building a fiche from what a form or the API handed in (already parsed with `ficheInputSchema`),
 * keeping what the input does not carry (its id, place, notes, version), and checking it against
 * the plan it joins: its axe, objectives and linked fiches must be the plan's.
 */

import type { Fiche, Pilot, Plan } from './model.js';
import type { ParsedFicheInput, PilotInput } from './schema.js';

/** A pilot as stored: an account by id (its name is joined when read), or a person by name. */
export function pilotOf(input: PilotInput, names: ReadonlyMap<string, string>): Pilot {
  return input.kind === 'account'
    ? { kind: 'account', userId: input.userId, name: names.get(input.userId) ?? '' }
    : { kind: 'person', name: input.name };
}

export function ficheFromInput(
  input: ParsedFicheInput,
  keep: { id: string; position: number; version: number; notes: Fiche['notes']; updatedAt: string },
  newId: () => string,
  names: ReadonlyMap<string, string> = new Map(),
): Fiche {
  const { pilots, subActions, ...fields } = input;
  return {
    ...fields,
    id: keep.id,
    position: keep.position,
    version: keep.version,
    notes: keep.notes,
    updatedAt: keep.updatedAt,
    pilots: pilots.map((p) => pilotOf(p, names)),
    subActions: subActions.map((s, n) => ({
      ...s,
      id: s.id ?? newId(),
      position: n + 1,
      pilots: s.pilots.map((p) => pilotOf(p, names)),
    })),
  };
}

/** What is wrong with a fiche in its plan, as French messages naming the field; empty when fine. */
export function ficheProblems(fiche: Fiche, plan: Pick<Plan, 'axes' | 'fiches' | 'project'>): string[] {
  const problems: string[] = [];
  if (!plan.axes.some((a) => a.id === fiche.axeId)) problems.push('Axe : cet axe n’existe pas dans le plan.');
  const objectives = new Set(plan.project.objectives.map((o) => o.id));
  for (const id of fiche.objectiveIds) {
    if (!objectives.has(id)) problems.push(`Objectifs : l’objectif « ${id} » n’existe pas dans le projet.`);
  }
  const fiches = new Set(plan.fiches.map((f) => f.id));
  for (const id of fiche.linkedFicheIds) {
    if (id === fiche.id) problems.push('Fiches liées : une fiche ne peut pas être liée à elle-même.');
    else if (!fiches.has(id)) problems.push(`Fiches liées : la fiche « ${id} » n’existe pas dans le plan.`);
  }
  const ids = new Set<string>();
  for (const s of fiche.subActions) {
    if (ids.has(s.id)) problems.push(`Sous-actions : l’identifiant « ${s.id} » est donné deux fois.`);
    ids.add(s.id);
  }
  return problems;
}

/**
 * The sous-actions of an input that name an id the fiche does not hold: an id is how a save finds
 * the sous-action it replaces, so one taken from elsewhere (another fiche, another convention, a
 * sous-action since removed) is refused instead of writing over whatever bears it.
 */
export function unknownSubActionProblems(
  input: Pick<ParsedFicheInput, 'subActions'>,
  own: readonly Pick<Fiche['subActions'][number], 'id'>[],
): string[] {
  const ids = new Set(own.map((s) => s.id));
  return input.subActions.flatMap((s, n) =>
    s.id !== undefined && !ids.has(s.id)
      ? [
          `Sous-actions : la sous-action ${n + 1} (« ${s.id} ») n’appartient pas à cette fiche ; rechargez la page et recommencez.`,
        ]
      : [],
  );
}

/** The account ids a fiche's pilots name (fiche and sous-actions). */
export function pilotAccountIds(fiche: Pick<Fiche, 'pilots' | 'subActions'>): string[] {
  const ids = [fiche.pilots, ...fiche.subActions.map((s) => s.pilots)]
    .flat()
    .flatMap((p) => (p.kind === 'account' ? [p.userId] : []));
  return [...new Set(ids)];
}

/** The fiche with its account pilots' names filled in (what the page shows right after a save). */
export function namePilots(fiche: Fiche, names: ReadonlyMap<string, string>): Fiche {
  const name = (list: Pilot[]) =>
    list.map((p) => (p.kind === 'account' ? { ...p, name: names.get(p.userId) ?? p.name } : p));
  return {
    ...fiche,
    pilots: name(fiche.pilots),
    subActions: fiche.subActions.map((s) => ({ ...s, pilots: name(s.pilots) })),
  };
}

/** The place after the last of `items` (an axe after the plan's axes, a fiche after its axe's fiches). */
export function nextPosition(items: readonly { position: number }[]): number {
  return Math.max(0, ...items.map((i) => i.position)) + 1;
}
