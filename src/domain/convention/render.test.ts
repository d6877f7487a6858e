import { describe, expect, it } from 'vitest';
import { createConvention, editDraft, updateArticle } from './lifecycle.js';
import { annexCount, type Party } from './model.js';
import {
  CHARACTERS_PER_PAGE,
  defaultDesignation,
  estimateConventionPages,
  estimatePages,
  fillPlaceholders,
  joinFrench,
  placeholderContext,
  renderConvention,
  unknownPlaceholders,
} from './render.js';
import { CAF_YVELINES, draftCarrieres } from './testing.js';

const NBSP = '\u00a0';
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('placeholders', () => {
  const { content } = draftCarrieres();
  const context = placeholderContext(content);

  it('fills names, dates and thresholds from the convention', () => {
    const filled = fillPlaceholders(
      '{Caf} et {collectivite} agissent du {date_debut} au {date_fin} ; seuils {seuil_zone} et {seuil_valeur}.',
      context,
    );
    expect(plain(filled.text)).toBe(
      'La Caf des Yvelines et la commune de Carrières-sur-Seine agissent du 1er janvier 2024 au 31 décembre 2027 ; seuils 100 et 5.',
    );
    expect(filled.missing).toEqual([]);
  });

  it('applies French typography to the result', () => {
    expect(fillPlaceholders('Objet : {territoire}', context).text).toBe(`Objet${NBSP}: Carrières-sur-Seine`);
  });

  it('agrees with the number of local authorities', () => {
    expect(fillPlaceholders('{collectivite} {accord:décide|décident}', context).text).toBe(
      'la commune de Carrières-sur-Seine décide',
    );
    const second: Party = {
      ...structuredClone(draftCarrieres().content.parties[1]!),
      id: 'commune-78172',
      designation: 'la commune de Croissy-sur-Seine',
    };
    const group = placeholderContext({
      ...content,
      territory: {
        kind: 'communes',
        codes: ['78124', '78190'],
        name: 'Carrières et Croissy',
        population: 25_000,
      },
      parties: [CAF_YVELINES, content.parties[1]!, second],
    });
    expect(fillPlaceholders('{Collectivite} {accord:décide|décident} ; {le_conseil}', group).text).toBe(
      'La commune de Carrières-sur-Seine et la commune de Croissy-sur-Seine décident\u202f; les conseils municipaux',
    );
    expect(fillPlaceholders('Les champs d’intervention {de_la_collectivite}', group).text).toBe(
      'Les champs d’intervention des communes',
    );
  });

  it('shows what is missing instead of leaving a hole', () => {
    const noPlace = placeholderContext({ ...content, placeOfSignature: ' ' });
    const filled = fillPlaceholders('Fait à {lieu}', noPlace);
    expect(filled.missing).toEqual(['lieu']);
    expect(plain(filled.text)).toBe('Fait à [à compléter : lieu de signature]');
  });

  it('reports unknown placeholders and leaves them visible', () => {
    expect(unknownPlaceholders('{territoire} {teritoire} {accord:a|b} {autre:a|b}')).toEqual([
      'teritoire',
      'autre',
    ]);
    expect(fillPlaceholders('{teritoire}', context).text).toBe('{teritoire}');
  });

  it('joins lists the French way', () => {
    expect(joinFrench(['A'])).toBe('A');
    expect(joinFrench(['A', 'B'])).toBe('A et B');
    expect(joinFrench(['A', 'B', 'C'])).toBe('A, B et C');
  });
});

describe('renderConvention', () => {
  it('renders the seed-like convention for Carrières-sur-Seine', () => {
    const rendered = renderConvention(draftCarrieres().content);
    expect(rendered.variantLabel).toBe('Communes de plus de 5 000 habitants');
    expect(rendered.missing).toEqual([]);
    expect(rendered.articles).toHaveLength(14);
    expect(rendered.articles[2]!.heading).toBe('Article 3 – Les champs d’intervention de la commune');
    expect(plain(rendered.parties[0]!.representation)).toBe(
      'la Caf des Yvelines, représentée par Madame Sophie Barrois, Présidente du conseil d’administration, et par Monsieur Didier Grosjean, Directeur, dûment autorisés à signer la présente convention',
    );
    expect(plain(rendered.parties[1]!.definedAs)).toBe('ci-après dénommée « la commune »');
    expect(plain(rendered.visas.at(-2)!)).toBe(
      'Vu la délibération du conseil d’administration de la Caf des Yvelines en date du 31 janvier 2022 ;',
    );
    expect(plain(rendered.visas.at(-1)!)).toBe(
      'Vu la délibération du conseil municipal de la commune de Carrières-sur-Seine en date du 25 novembre 2024, jointe en annexe 7 de la présente convention ;',
    );
    const duration = rendered.articles.find((a) => a.key === 'duration')!;
    expect(duration.blocks[0]).toEqual({
      type: 'paragraph',
      text: `La présente convention s’applique du 1er${NBSP}janvier${NBSP}2024 au 31${NBSP}décembre${NBSP}2027.`,
    });
    const termination = JSON.stringify(rendered.articles.find((a) => a.key === 'termination')!.blocks);
    expect(termination).toContain('un mois après l’envoi');
    expect(termination).toContain('préavis de six mois');
    expect(rendered.annexCount).toBe(7);
    expect(plain(rendered.closing[0]!)).toBe('Fait à Versailles, le');
    expect(plain(rendered.closing[2]!)).toBe(
      `La présente convention comporte environ ${rendered.pageEstimate} pages paraphées par les parties et sept annexes.`,
    );
    expect(rendered.signatureBlocks[0]!.signatories.map((s) => s.function)).toEqual([
      'Présidente du conseil d’administration',
      'Directeur',
    ]);
  });

  it('follows the thresholds set on the convention', () => {
    const draft = editDraft(draftCarrieres(), { secrecy: { minZoneAllocataires: 200, minCount: 11 } });
    const text = JSON.stringify(
      renderConvention(draft.content).articles.find((a) => a.key === 'data_exchange'),
    );
    expect(text).toContain('moins de 200 allocataires');
    expect(text).toContain('inférieure à 11 allocataires');
  });

  it('words an intercommunality as a community with a community council', () => {
    const epci: Party = {
      id: 'ca-casgbs',
      role: 'local_authority',
      kind: 'epci',
      name: 'Communauté d’agglomération Saint Germain Boucles de Seine',
      designation: 'la communauté d’agglomération Saint Germain Boucles de Seine',
      signatories: [
        {
          id: 'ca-president',
          civility: 'monsieur',
          firstName: 'Pierre',
          lastName: 'Martin',
          function: 'epci_president',
          authority: { kind: 'community_council_deliberation', date: '2024-12-12' },
        },
      ],
    };
    const convention = createConvention({
      id: 'ctg-epci',
      today: '2024-03-01',
      territory: {
        kind: 'epci',
        codes: ['200058519'],
        name: 'Saint Germain Boucles de Seine',
        population: 337_000,
        epciNature: 'ca',
      },
      parties: [CAF_YVELINES, epci],
      placeOfSignature: 'Versailles',
    });
    const rendered = renderConvention(convention.content);
    expect(convention.content.variant).toBe('intercommunality');
    expect(rendered.variantLabel).toBe('Intercommunalité');
    expect(rendered.articles[2]!.heading).toBe('Article 3 – Les champs d’intervention de la communauté');
    expect(plain(rendered.visas.at(-1)!)).toContain(
      'délibération du conseil communautaire de la communauté d’agglomération',
    );
    expect(plain(JSON.stringify(rendered.annexes.at(-1)))).toContain('le conseil communautaire autorise');
    expect(plain(rendered.parties[1]!.definedAs)).toBe('ci-après dénommée « la communauté »');
  });

  it('estimates more pages for a longer text', () => {
    const draft = draftCarrieres();
    const before = renderConvention(draft.content).pageEstimate;
    const long = updateArticle(draft, 'local_authority_fields', {
      blocks: [{ type: 'paragraph', text: 'Action détaillée. '.repeat(CHARACTERS_PER_PAGE / 6) }],
    });
    expect(renderConvention(long.content).pageEstimate).toBeGreaterThanOrEqual(before + 2);
    expect(before).toBeGreaterThan(8);
    expect(before).toBeLessThan(40);
  });

  it('gives the annex count and the page estimate of a content directly', () => {
    const { content } = draftCarrieres();
    expect(annexCount(content)).toBe(7);
    expect(annexCount({ annexes: content.annexes.slice(0, 6) })).toBe(6);
    expect(estimateConventionPages(content)).toBe(renderConvention(content).pageEstimate);
    const closing = renderConvention({ ...content, annexes: content.annexes.slice(0, 6) }).closing[2]!;
    expect(plain(closing)).toContain('et six annexes.');
  });

  it('counts a page for signatures and starts each annex on its own page', () => {
    expect(estimatePages({ body: [[]], annexes: [[], []] })).toBe(3);
    expect(
      estimatePages({
        body: [[{ type: 'paragraph', text: 'x'.repeat(CHARACTERS_PER_PAGE + 1) }]],
        annexes: [[{ type: 'table', columns: ['a'], rows: Array.from({ length: 30 }, () => ['b']) }]],
      }),
    ).toBe(2 + 1 + 2);
  });
});

describe('defaultDesignation', () => {
  it('names the local authority with its article', () => {
    expect(
      defaultDesignation({
        territory: { kind: 'commune', codes: ['78124'], name: 'Carrières-sur-Seine', population: 1 },
      }),
    ).toBe('la commune de Carrières-sur-Seine');
    expect(
      defaultDesignation({
        territory: {
          kind: 'epci',
          codes: ['200058519'],
          name: 'Saint Germain Boucles de Seine',
          population: 1,
          epciNature: 'ca',
        },
      }),
    ).toBe('la communauté d’agglomération Saint Germain Boucles de Seine');
    expect(
      defaultDesignation({ territory: { kind: 'epci', codes: ['1'], name: 'Grand Ouest', population: 1 } }),
    ).toBe('l’intercommunalité Grand Ouest');
  });
});
