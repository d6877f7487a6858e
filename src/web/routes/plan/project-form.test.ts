import { describe, expect, it } from 'vitest';
import { EMPTY_PROJECT, type Project } from '../../../domain/plan/model.js';
import {
  engagementsFromForm,
  MAX_ROWS,
  needsFromForm,
  objectivesFromForm,
  withEngagements,
  withNeeds,
  withObjectives,
} from './project-form.js';

const project: Project = {
  ...EMPTY_PROJECT,
  needs: [{ id: 'n1', title: 'Places d’accueil', description: '', evidence: [], source: '' }],
  objectives: [{ id: 'o1', mission: 'conciliation', title: 'Développer l’accueil', needIds: ['n1'] }],
};

describe('the project forms', () => {
  it('reads repeated rows, a multiple select and the remove boxes, skipping blank rows', () => {
    const drafts = needsFromForm({
      rows: '3',
      n0_id: 'n1',
      n0_title: ' Places d’accueil ',
      n0_evidence: ['eaje_places', 'population'],
      n1_title: '',
      n2_title: 'Nouveau',
      n2_evidence: 'population',
    });
    expect(drafts.map((d) => d.evidence)).toEqual([['eaje_places', 'population'], [], ['population']]);
    const { project: after, problems } = withNeeds(project, drafts);
    expect(problems).toEqual([]);
    expect(after.needs.map((n) => n.title)).toEqual(['Places d’accueil', 'Nouveau']);
    expect(after.needs[0]!.id).toBe('n1');
    expect(after.needs[1]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(after.needs[0]!.evidence.map((e) => e.indicatorId)).toEqual(['eaje_places', 'population']);
  });

  it('names a row without a title and a removed need an objective still answers', () => {
    const { problems } = withNeeds(
      project,
      needsFromForm({ rows: '2', n0_id: 'n1', n0_title: 'X', n0_remove: '1', n1_description: 'sans titre' }),
    );
    expect(problems).toEqual([
      'Besoin 2 : le titre est obligatoire.',
      'Le besoin « Places d’accueil » est lié à l’objectif « Développer l’accueil » : retirez d’abord ce lien dans les objectifs.',
    ]);
  });

  it('caps the row count', () => {
    expect(needsFromForm({ rows: '1000000000' })).toHaveLength(MAX_ROWS);
    expect(needsFromForm({ rows: '-3' })).toHaveLength(0);
    expect(needsFromForm({ rows: 'beaucoup' })).toHaveLength(0);
  });

  it('keeps objectives under a known mission only', () => {
    const { project: after, problems } = withObjectives(
      project,
      objectivesFromForm({
        rows: '2',
        o0_id: 'o1',
        o0_mission: 'parentality',
        o0_title: 'Développer l’accueil',
        o0_needs: 'n1',
        o1_mission: 'autre',
        o1_title: 'Inconnu',
      }),
    );
    expect(problems).toEqual(['Objectif 2 : choisissez une des quatre missions de la Caf.']);
    expect(after.objectives).toEqual([
      { id: 'o1', mission: 'parentality', title: 'Développer l’accueil', needIds: ['n1'] },
    ]);
  });

  it('writes priorities, actions by domain and one structure or partner per line', () => {
    const { project: after } = withEngagements(
      project,
      engagementsFromForm({
        priorities: '2',
        p0_id: 'p1',
        p0_text: 'Périscolaire 3-10 ans',
        p1_text: '  ',
        actions_parenting: '1',
        a_parenting_0_text: 'Café des parents',
        s_parenting: 'Centre social\r\n\r\n Ludothèque ',
        r_parenting: '',
      }),
    );
    expect(after.cafPriorities).toEqual([{ id: 'p1', text: 'Périscolaire 3-10 ans' }]);
    expect(after.localActions).toMatchObject([{ domain: 'parenting', text: 'Café des parents' }]);
    expect(after.domainResources).toEqual([
      { domain: 'parenting', structures: ['Centre social', 'Ludothèque'], partners: [] },
    ]);
    expect(after.needs).toEqual(project.needs);
  });
});
