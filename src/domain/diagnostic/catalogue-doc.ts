/**
 * Renders the catalogue as the French Markdown page docs/indicators.md (one table per section),
 * so that the documentation is generated from the code and cannot drift from it.
 */

import { formatShortFrenchDate } from '../shared/dates.js';
import { CATALOGUE, type Catalogue, type IndicatorKind, SOURCES } from './catalogue.js';
import { DEFAULT_NOTABLE_RULE } from './compute.js';

const KIND_LABELS: Record<IndicatorKind, string> = {
  count: 'effectif',
  amount: 'montant (centimes)',
  rate: 'taux (donné)',
  mean: 'moyenne (centimes)',
};

const SEED_CHECK = { exact: 'exacte', inexact: 'inexacte', not_printed: 'non imprimée' } as const;

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function shareLabel(shareOf: string | undefined): string {
  if (!shareOf) return '';
  return shareOf.endsWith('@departement')
    ? `\`${shareOf.replace('@departement', '')}\` du département`
    : `\`${shareOf}\``;
}

export function renderIndicatorsDoc(catalogue: Catalogue = CATALOGUE): string {
  const out: string[] = [];
  out.push('# Indicateurs du diagnostic partagé (annexe 1)');
  out.push('');
  out.push(
    '> Page générée par `npx tsx scripts/generate-indicators-doc.ts` à partir de `src/domain/diagnostic/catalogue.ts` : ne pas la modifier à la main.',
  );
  out.push('');
  out.push(
    'Chaque indicateur a un identifiant stable (celui de `spec/annexe1-carrieres-sur-seine.tsv`), une nature, une unité, une source et la date de référence de la valeur imprimée dans la convention de référence. Les effectifs sont des entiers, les montants et moyennes en euros sont conservés en centimes, les taux sont reçus tels quels (ils ne se recalculent pas à partir des effectifs).',
  );
  out.push('');
  out.push('## Règles de calcul');
  out.push('');
  out.push(
    '- **Parts** : toujours recalculées à partir des effectifs (numérateur ÷ dénominateur × 100), arrondies au dixième, la moitié vers le haut, en arithmétique entière. Une part imprimée n’est jamais recopiée : la convention de référence imprime 2,6 % pour les 3-5 ans, le calcul donne 3,9 %.',
  );
  out.push(
    '- **Dates** : un dénominateur de la même source que le numérateur doit avoir la même date (deux recensements ne sont jamais mélangés) ; sinon, on prend sa dernière date antérieure ou égale à celle du numérateur.',
  );
  out.push(
    '- **EPCI** : effectifs et montants = somme des communes membres (si toutes ont une valeur à la date) ; taux et moyennes absents sauf s’ils sont fournis pour l’EPCI lui-même. **Département** : la valeur fournie pour le département, à défaut la somme de ses communes.',
  );
  out.push(
    `- **Écart notable avec le département** (« en orange » dans la convention) : pour une part ou un taux, l’écart dépasse ${DEFAULT_NOTABLE_RULE.minPoints} points **et** ${DEFAULT_NOTABLE_RULE.minRelativeGap * 100} % de la valeur du département ; pour une moyenne, l’écart relatif seul dépasse ${DEFAULT_NOTABLE_RULE.minRelativeGap * 100} %. Les effectifs et montants ne sont pas comparés (tailles différentes). Règle modifiable (\`NotableRule\`). Libellés : « nettement supérieur », « nettement inférieur ».`,
  );
  out.push(
    '- **Secret statistique** : colonne « secret ». Les données Caf sur des foyers, personnes ou enfants, et les montants qui leur sont versés, passent par le moteur de secret (zone de moins de 100 allocataires, effectif non nul inférieur à 5, puis secret secondaire). Les données Insee, les taux Cnaf, les équipements et les financements versés à des structures sont publics.',
  );
  out.push('');
  out.push('## Sources');
  out.push('');
  out.push('| source | libellé | date de référence |');
  out.push('|---|---|---|');
  for (const source of Object.values(SOURCES)) {
    out.push(`| \`${source.id}\` | ${cell(source.label)} | ${cell(source.dateRule)} |`);
  }
  for (const section of catalogue.sections) {
    out.push('');
    out.push(`## ${section.title}`);
    out.push('');
    out.push('| id | libellé | nature | unité | source (date dans la convention) | part de | secret |');
    out.push('|---|---|---|---|---|---|---|');
    for (const row of section.rows) {
      const indicator = catalogue.indicators.get(row.indicator)!;
      out.push(
        `| \`${indicator.id}\` | ${cell(row.label ?? indicator.label)} | ${KIND_LABELS[indicator.kind]} | ${indicator.unit} | \`${indicator.source}\` (${formatShortFrenchDate(indicator.seedDate)}) | ${shareLabel(row.shareOf)} | ${indicator.secret ? 'oui' : 'non'} |`,
      );
    }
  }
  const derived = [...catalogue.indicators.values()].filter((indicator) => indicator.derived);
  if (derived.length > 0) {
    out.push('');
    out.push('## Indicateurs dérivés (non imprimés)');
    out.push('');
    for (const indicator of derived) out.push(`- \`${indicator.id}\` : ${indicator.label}.`);
  }
  out.push('');
  out.push('## Relations additives');
  out.push('');
  out.push(
    'Total = somme des parties. Quand le total publié diffère de la somme, le diagnostic le dit dans une note, sans rejeter le tableau. « total affiché » : `published` = le total publié est conservé (parties arrondies séparément : estimations Insee, lignes de financement arrondies à l’euro), `sum_of_parts` = le total est recalculé à partir des parties.',
  );
  out.push('');
  out.push(
    '| relation | total | parties | total affiché | commune (convention) | département (convention) |',
  );
  out.push('|---|---|---|---|---|---|');
  for (const relation of catalogue.relations) {
    out.push(
      `| ${cell(relation.label)} | \`${relation.total}\` | ${relation.parts.map((p) => `\`${p}\``).join(' + ')} | ${relation.totalRule} | ${SEED_CHECK[relation.seed.commune]} | ${SEED_CHECK[relation.seed.departement]} |`,
    );
  }
  out.push('');
  out.push(
    'Dans la convention de référence : la somme des tranches 6-24 ans vaut 4 155 pour un total imprimé de 4 154 ; les lignes de financement des Yvelines totalisent 130 161 414 € pour 130 161 413 € imprimés.',
  );
  out.push('');
  out.push('## Inclusions (sous-populations)');
  out.push('');
  out.push('| ensemble | parties (somme ≤ ensemble) |');
  out.push('|---|---|');
  for (const inclusion of catalogue.inclusions) {
    out.push(`| \`${inclusion.whole}\` | ${inclusion.parts.map((p) => `\`${p}\``).join(' + ')} |`);
  }
  out.push('');
  out.push('## Justification du secret, indicateur par indicateur');
  out.push('');
  out.push('| id | secret | raison |');
  out.push('|---|---|---|');
  for (const indicator of catalogue.indicators.values()) {
    out.push(
      `| \`${indicator.id}\` | ${indicator.secret ? 'oui' : 'non'} | ${cell(indicator.secrecyReason)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}
