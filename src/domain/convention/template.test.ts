import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprint, parseFingerprints, runs, sentences } from './copy-check.js';
import { blockTexts, contentTexts } from './lifecycle.js';
import type { TemplateVariant } from './model.js';
import { unknownPlaceholders } from './render.js';
import {
  ANNEX_KEYS,
  ARTICLE_KEYS,
  defaultAnnexes,
  defaultArticles,
  defaultPreamble,
  defaultVisas,
} from './template.js';

const VARIANTS: TemplateVariant[] = ['commune_over_5000', 'commune_under_5000', 'intercommunality'];

describe('default template', () => {
  it('holds the fourteen articles in the seed’s order', () => {
    const articles = defaultArticles('commune_over_5000');
    expect(articles.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(articles.map((a) => a.key)).toEqual(ARTICLE_KEYS);
    expect(articles.map((a) => a.title)).toEqual([
      'Objet de la convention territoriale globale',
      'Les champs d’intervention de la Caf',
      'Les champs d’intervention {de_la_collectivite}',
      'Les objectifs partagés au regard des besoins',
      'Les engagements des partenaires',
      'Les modalités de collaboration',
      'Les échanges de données',
      'La communication',
      'L’évaluation',
      'La durée de la convention',
      'L’exécution formelle de la convention',
      'La fin de la convention',
      'Les recours',
      'La confidentialité',
    ]);
    for (const article of articles) expect(blockTexts(article.blocks).join('').length).toBeGreaterThan(50);
  });

  it('lists the seven annexes with their titles and sources', () => {
    const annexes = defaultAnnexes('commune_over_5000');
    expect(annexes.map((a) => a.key)).toEqual(ANNEX_KEYS);
    expect(annexes.map((a) => `${a.number}. ${a.title}`)).toEqual([
      '1. Diagnostic partagé',
      '2. Plan d’actions et fiches actions',
      '3. Liste des équipements et services soutenus par la collectivité',
      '4. Modalités de pilotage stratégique et opérationnel et suivi de la Ctg',
      '5. Métier de chargé(e) de coopération',
      '6. Évaluation',
      '7. Délibération de l’assemblée délibérante',
    ]);
    expect(annexes.find((a) => a.key === 'deliberation')!.source).toBe('upload');
    expect(annexes.find((a) => a.key === 'diagnostic')!.source).toBe('diagnostic');
  });

  it('puts the secrecy thresholds and article 12’s delays in as parameters, not as figures', () => {
    const text = (key: string) =>
      blockTexts(defaultArticles('commune_over_5000').find((a) => a.key === key)!.blocks).join(' ');
    expect(text('data_exchange')).toContain('{seuil_zone}');
    expect(text('data_exchange')).toContain('{seuil_valeur}');
    expect(text('data_exchange')).not.toMatch(/\b100\b|\b5 allocataires/);
    expect(text('termination')).toContain('{delai_mise_en_demeure}');
    expect(text('termination')).toContain('{preavis}');
    expect(text('duration')).toContain('{date_debut}');
    expect(text('duration')).toContain('{date_fin}');
  });

  it('uses only known placeholders, in every variant', () => {
    for (const variant of VARIANTS) {
      const texts = contentTexts({
        visas: defaultVisas(),
        preamble: defaultPreamble(variant),
        articles: defaultArticles(variant),
        annexes: defaultAnnexes(variant),
      });
      expect(texts.flatMap(unknownPlaceholders)).toEqual([]);
    }
  });

  it('words the variants differently where their situation differs', () => {
    const all = (variant: TemplateVariant) =>
      contentTexts({
        visas: [],
        preamble: defaultPreamble(variant),
        articles: defaultArticles(variant),
        annexes: defaultAnnexes(variant),
      }).join('\n');
    expect(all('intercommunality')).toContain('communes du territoire y sont associées');
    expect(all('commune_over_5000')).not.toContain('communes du territoire y sont associées');
    expect(all('commune_under_5000')).toContain('communes voisines');
    expect(all('commune_over_5000')).not.toContain('communes voisines');
    expect(all('intercommunality')).toContain('soutenus par l’intercommunalité');
  });

  it('starts the visas with the legal references and ends with the two deliberations', () => {
    const visas = defaultVisas();
    expect(visas[0]!.text).toBe(
      'Vu les articles L. 263-1, L. 223-1 et L. 227-1 à 3 du Code de la sécurité sociale ;',
    );
    expect(visas.map((v) => v.id)).toEqual([
      'css',
      'casf',
      'cgct',
      'arrete_2001',
      'cog',
      'caf_board',
      'local_deliberation',
    ]);
    expect(visas.every((v) => v.text.startsWith('Vu '))).toBe(true);
  });
});

// ─── The text is the project's own ─────────────────────────────────────────────────────────────

// The seed convention (shared/seeds/000_59c0d9eef38894a1.txt, outside the repository: it names real
// people) is known here by the fingerprints of its sentences and runs of ten words, extracted by
// scripts/extract-seed-fingerprints.ts into fixtures/seed-fingerprints.txt.
const seed = parseFingerprints(
  readFileSync(fileURLToPath(new URL('./fixtures/seed-fingerprints.txt', import.meta.url)), 'utf8'),
);

describe('the default template does not copy the seed convention', () => {
  const templateTexts = VARIANTS.flatMap((variant) =>
    contentTexts({
      // Visas are legal citations, reproduced on purpose.
      visas: [],
      preamble: defaultPreamble(variant),
      articles: defaultArticles(variant),
      // Annex titles are given by the specification and kept as they are.
      annexes: defaultAnnexes(variant).map((annex) => ({ ...annex, title: '' })),
    }),
  );

  it('reads the seed’s fingerprints: sentences and runs to compare against', () => {
    expect(seed.sentences.size).toBeGreaterThan(100);
    expect(seed.runs.size).toBeGreaterThan(5000);
  });

  it('shares no sentence of eight words or more with the seed', () => {
    const copied = templateTexts.flatMap(sentences).filter((s) => seed.sentences.has(fingerprint(s)));
    expect(copied).toEqual([]);
  });

  it('shares no run of ten consecutive words with the seed', () => {
    const copied = templateTexts.flatMap((text) =>
      [...runs(text)].filter((run) => seed.runs.has(fingerprint(run))),
    );
    expect(copied).toEqual([]);
  });

  it('would notice a copied sentence', () => {
    // The check itself must be able to fail: a sentence of the seed's article 8, pasted, is caught.
    const pasted =
      "Dans le cadre des actions de communication respectives couvrant le champ de la présente convention, chaque partie s'engage à mentionner la coopération de l'autre partie et à valoriser ce partenariat.";
    expect(sentences(pasted).some((s) => seed.sentences.has(fingerprint(s)))).toBe(true);
    expect([...runs(`Texte libre. ${pasted}`)].some((run) => seed.runs.has(fingerprint(run)))).toBe(true);
    // …and the template has sentences to compare, so the checks above cannot pass for want of text.
    const own = sentences(templateTexts.join('\n'));
    expect(own.length).toBeGreaterThan(50);
  });
});
