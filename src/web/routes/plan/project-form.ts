/**
 * The forms of the project of the territory, without JavaScript: repeated rows posted as `n0_title`,
 * `n1_title` … with a `rows` count; « Ajouter une ligne » posts the form back and draws it again with
 * one more row and everything typed kept. A draft keeps what was typed as text; it becomes the
 * project's section (and its French problems) only when saved.
 */
import { randomUUID } from 'node:crypto';
import { DOMAINS, type Domain, MISSIONS, type Mission, type Project } from '../../../domain/plan/model.js';
import type { Form } from '../../uploads.js';

/** At most this many rows in one form (a hostile `rows=1e9` draws nothing more). */
export const MAX_ROWS = 200;

export type FormBody = Record<string, unknown>;

export function field(form: FormBody, name: string): string {
  const value = form[name];
  return typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : '';
}

/** A field sent several times (a multiple select, checkboxes). */
export function fields(form: FormBody, name: string): string[] {
  const value = form[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 500) : [];
}

function rowCount(form: FormBody, name = 'rows'): number {
  const n = Number(field(form, name));
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_ROWS) : 0;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

// ─── Needs (article 1) ───────────────────────────────────────────────────────────────────────────

export interface NeedDraft {
  id: string;
  title: string;
  description: string;
  source: string;
  /** Indicator ids of the diagnostic rows cited. */
  evidence: string[];
  remove: boolean;
}

export const emptyNeed = (): NeedDraft => ({
  id: '',
  title: '',
  description: '',
  source: '',
  evidence: [],
  remove: false,
});

export function needDrafts(project: Project): NeedDraft[] {
  return project.needs.map((n) => ({
    id: n.id,
    title: n.title,
    description: n.description,
    source: n.source,
    evidence: n.evidence.map((e) => e.indicatorId),
    remove: false,
  }));
}

export function needsFromForm(form: FormBody | Form): NeedDraft[] {
  const body = form as FormBody;
  return Array.from({ length: rowCount(body) }, (_, i) => ({
    id: field(body, `n${i}_id`),
    title: field(body, `n${i}_title`),
    description: field(body, `n${i}_description`),
    source: field(body, `n${i}_source`),
    evidence: fields(body, `n${i}_evidence`),
    remove: field(body, `n${i}_remove`) === '1',
  }));
}

const blankNeed = (d: NeedDraft) =>
  !d.id && !d.title.trim() && !d.description.trim() && !d.source.trim() && !d.evidence.length;

/** The project with these needs, or the French problems of the form. */
export function withNeeds(project: Project, drafts: NeedDraft[]): { project: Project; problems: string[] } {
  const problems: string[] = [];
  const needs: Project['needs'] = [];
  drafts.forEach((d, i) => {
    if (d.remove || blankNeed(d)) return;
    if (!d.title.trim()) problems.push(`Besoin ${i + 1} : le titre est obligatoire.`);
    needs.push({
      id: d.id || randomUUID(),
      title: d.title.trim(),
      description: d.description.trim(),
      evidence: d.evidence.map((indicatorId) => ({ indicatorId, label: '', value: '', year: null })),
      source: d.source.trim(),
    });
  });
  const kept = new Set(needs.map((n) => n.id));
  for (const objective of project.objectives) {
    for (const needId of objective.needIds) {
      if (kept.has(needId)) continue;
      const need = project.needs.find((n) => n.id === needId);
      problems.push(
        `Le besoin « ${need?.title ?? needId} » est lié à l’objectif « ${objective.title} » : retirez d’abord ce lien dans les objectifs.`,
      );
    }
  }
  return { project: { ...project, needs }, problems };
}

// ─── Objectives (article 4) ──────────────────────────────────────────────────────────────────────

export interface ObjectiveDraft {
  id: string;
  mission: string;
  title: string;
  needIds: string[];
  remove: boolean;
}

export const emptyObjective = (mission: Mission): ObjectiveDraft => ({
  id: '',
  mission,
  title: '',
  needIds: [],
  remove: false,
});

export function objectiveDrafts(project: Project): ObjectiveDraft[] {
  return project.objectives.map((o) => ({ ...o, needIds: [...o.needIds], remove: false }));
}

export function objectivesFromForm(form: FormBody | Form): ObjectiveDraft[] {
  const body = form as FormBody;
  return Array.from({ length: rowCount(body) }, (_, i) => ({
    id: field(body, `o${i}_id`),
    mission: field(body, `o${i}_mission`),
    title: field(body, `o${i}_title`),
    needIds: fields(body, `o${i}_needs`),
    remove: field(body, `o${i}_remove`) === '1',
  }));
}

export const isMission = (value: string): value is Mission => (MISSIONS as readonly string[]).includes(value);

export function withObjectives(
  project: Project,
  drafts: ObjectiveDraft[],
): { project: Project; problems: string[] } {
  const problems: string[] = [];
  const objectives: Project['objectives'] = [];
  drafts.forEach((d, i) => {
    if (d.remove || (!d.id && !d.title.trim() && !d.needIds.length)) return;
    if (!d.title.trim()) problems.push(`Objectif ${i + 1} : l’intitulé est obligatoire.`);
    if (!isMission(d.mission)) {
      problems.push(`Objectif ${i + 1} : choisissez une des quatre missions de la Caf.`);
      return;
    }
    objectives.push({
      id: d.id || randomUUID(),
      mission: d.mission,
      title: d.title.trim(),
      needIds: d.needIds,
    });
  });
  return { project: { ...project, objectives }, problems };
}

// ─── Engagements (articles 2 and 3) ──────────────────────────────────────────────────────────────

export interface TextRowDraft {
  id: string;
  text: string;
  remove: boolean;
}

export interface EngagementsDraft {
  priorities: TextRowDraft[];
  /** The local authority's actions, by domain. */
  actions: Record<Domain, TextRowDraft[]>;
  structures: Record<Domain, string>;
  partners: Record<Domain, string>;
}

const byDomain = <T>(make: (d: Domain) => T) =>
  Object.fromEntries(DOMAINS.map((d) => [d, make(d)])) as Record<Domain, T>;

export function engagementDrafts(project: Project): EngagementsDraft {
  const resources = (d: Domain) => project.domainResources.find((r) => r.domain === d);
  return {
    priorities: project.cafPriorities.map((p) => ({ ...p, remove: false })),
    actions: byDomain((d) =>
      project.localActions
        .filter((a) => a.domain === d)
        .map((a) => ({ id: a.id, text: a.text, remove: false })),
    ),
    structures: byDomain((d) => (resources(d)?.structures ?? []).join('\n')),
    partners: byDomain((d) => (resources(d)?.partners ?? []).join('\n')),
  };
}

export function engagementsFromForm(form: FormBody | Form): EngagementsDraft {
  const body = form as FormBody;
  const rows = (prefix: string, count: string) =>
    Array.from({ length: rowCount(body, count) }, (_, i) => ({
      id: field(body, `${prefix}${i}_id`),
      text: field(body, `${prefix}${i}_text`),
      remove: field(body, `${prefix}${i}_remove`) === '1',
    }));
  return {
    priorities: rows('p', 'priorities'),
    actions: byDomain((d) => rows(`a_${d}_`, `actions_${d}`)),
    structures: byDomain((d) => field(body, `s_${d}`)),
    partners: byDomain((d) => field(body, `r_${d}`)),
  };
}

export function withEngagements(
  project: Project,
  draft: EngagementsDraft,
): { project: Project; problems: string[] } {
  const kept = (rows: TextRowDraft[]) =>
    rows
      .filter((r) => !r.remove && r.text.trim())
      .map((r) => ({ id: r.id || randomUUID(), text: r.text.trim() }));
  return {
    project: {
      ...project,
      cafPriorities: kept(draft.priorities),
      localActions: DOMAINS.flatMap((domain) => kept(draft.actions[domain]).map((a) => ({ ...a, domain }))),
      domainResources: DOMAINS.map((domain) => ({
        domain,
        structures: lines(draft.structures[domain]),
        partners: lines(draft.partners[domain]),
      })).filter((r) => r.structures.length || r.partners.length),
    },
    problems: [],
  };
}
