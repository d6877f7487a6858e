/**
 * Reader of a CAFDATA commune export in the `s_ben_com_f` style: one line per commune and
 * reference date, `;`-separated, with `dtreffre` (reference date), `numcomdo` (commune code),
 * `nomcom` (name) and one column per figure: `indfoy_*` (households), `indnbp_*` (people),
 * `indmtt_*` (amounts in euros), `indmoy_*` (means in euros). An empty cell is absent (never zero);
 * a cell the Cnaf marks "s" is withheld and stored as secret, with no value. Same all-or-nothing
 * rule as the long layout.
 */

import { CATALOGUE, type Catalogue } from '../../domain/diagnostic/catalogue.js';
import type { ValueRow } from '../../domain/diagnostic/types.js';
import { decodeUtf8, parseCsv } from './csv.js';
import type { ImportResult } from './long-layout.js';
import {
  BAD_DATE,
  type ImportError,
  importError,
  isCommuneCode,
  isSecretMarker,
  parseCellValue,
  parseReferenceDate,
} from './values.js';

/**
 * CAFDATA column → catalogue indicator. The names follow the Cnaf's prefixes (foy = foyers,
 * nbp = nombre de personnes, mtt = montant, moy = moyenne); docs/import-diagnostic.md prints this table.
 */
export const CAFDATA_COLUMNS: Readonly<Record<string, string>> = {
  indfoy_tot: 'allocataires',
  indfoy_fam: 'families',
  indfoy_iso: 'isolated',
  indfoy_mono: 'single_parents',
  indfoy_monoact: 'single_parents_working',
  indfoy_fam3e: 'large_families',
  indfoy_dep100: 'dependent_100',
  indfoy_rsa: 'rsa',
  indfoy_rsamaj: 'rsa_isolation',
  indfoy_ppa: 'ppa',
  indfoy_aah: 'aah',
  indfoy_aeeh: 'aeeh',
  indfoy_al: 'housing_aid',
  indfoy_apl: 'apl',
  indfoy_alpriv: 'housing_aid_private',
  indfoy_alsoc: 'housing_aid_social',
  indfoy_impaye: 'rent_arrears',
  indfoy_nondec: 'indecent_housing',
  indfoy_fam02: 'families_0_2',
  indfoy_fam02act: 'families_0_2_all_working',
  indfoy_fam02mono: 'families_0_2_single',
  indfoy_fam35: 'families_3_5',
  indfoy_fam35act: 'families_3_5_all_working',
  indfoy_fam35mono: 'families_3_5_single',
  indfoy_fam611: 'families_6_11',
  indfoy_fam611act: 'families_6_11_all_working',
  indfoy_fam611mono: 'families_6_11_single',
  indfoy_fam1215: 'families_12_15',
  indfoy_fam1215act: 'families_12_15_all_working',
  indfoy_fam1215mono: 'families_12_15_single',
  indfoy_ajpp: 'ajpp',
  indnbp_basrev: 'low_income_persons',
  indnbp_enf02basrev: 'children_0_2_low_income',
  indnbp_cmgam: 'cmg_assmat',
  indnbp_cmgdom: 'cmg_home',
  indnbp_cmgstr: 'cmg_structure',
  indnbp_prepare: 'prepare',
  indnbp_aeeh02: 'aeeh_children_0_2',
  indnbp_aeeh35: 'aeeh_children_3_5',
  indnbp_aeeh611: 'aeeh_children_6_11',
  indnbp_aeeh1215: 'aeeh_children_12_15',
  indnbp_aeeh1617: 'aeeh_children_16_17',
  indnbp_aeeh017: 'aeeh_children_0_17',
  indnbp_aeeh617: 'aeeh_children_6_17',
  indnbp_aeehtot: 'aeeh_children',
  indnbp_neet1619: 'neet_16_19',
  indmtt_rsa: 'rsa_amount',
  indmtt_ppa: 'ppa_amount',
  indmtt_aah: 'aah_amount',
  indmtt_al: 'housing_aid_amount',
  indmtt_pf: 'family_benefits_december',
  indmoy_qf: 'family_quotient_mean',
};

const DATE = 'dtreffre';
const COMMUNE = 'numcomdo';
const NAME = 'nomcom';
export const CAFDATA_SOURCE = 'CAFDATA s_ben_com_f';

export function parseCafdataCommuneCsv(
  input: string | Uint8Array,
  catalogue: Catalogue = CATALOGUE,
  mapping: Readonly<Record<string, string>> = CAFDATA_COLUMNS,
): ImportResult {
  const decoded = decodeUtf8(input);
  if (!decoded.ok) return { ok: false, errors: [importError(1, '', decoded.message)] };
  const records = parseCsv(decoded.text, ';');
  const header = records[0];
  if (!header) return { ok: false, errors: [importError(1, '', 'le fichier est vide.')] };

  const errors: ImportError[] = [];
  const names = header.cells.map((raw) => raw.trim().toLowerCase());
  const valueColumns: { position: number; name: string; indicator: string }[] = [];
  const positions = new Map<string, number>();
  names.forEach((name, position) => {
    if (positions.has(name)) {
      errors.push(importError(header.line, name, 'cette colonne figure deux fois.'));
      return;
    }
    positions.set(name, position);
    if (name === DATE || name === COMMUNE || name === NAME) return;
    const indicator = mapping[name];
    if (!indicator || !catalogue.indicators.has(indicator)) {
      errors.push(
        importError(
          header.line,
          header.cells[position]!.trim(),
          'colonne inconnue : elle ne figure pas dans la table de correspondance CAFDATA (docs/import-diagnostic.md).',
        ),
      );
      return;
    }
    valueColumns.push({ position, name, indicator });
  });
  for (const required of [DATE, COMMUNE]) {
    if (!positions.has(required))
      errors.push(importError(header.line, required, 'colonne obligatoire absente.'));
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: ValueRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cell = (position: number) => (record.cells[position] ?? '').trim();
    const lineErrors: ImportError[] = [];
    const dateText = cell(positions.get(DATE)!);
    const date = parseReferenceDate(dateText);
    if (!date)
      lineErrors.push(
        importError(record.line, DATE, dateText === '' ? 'la date est vide.' : BAD_DATE(dateText)),
      );
    const commune = cell(positions.get(COMMUNE)!);
    if (!isCommuneCode(commune)) {
      lineErrors.push(
        importError(
          record.line,
          COMMUNE,
          `« ${commune} » n’est pas un code commune Insee (5 caractères, ex. 78124).`,
        ),
      );
    }
    if (record.cells.length > header.cells.length) {
      lineErrors.push(
        importError(
          record.line,
          '',
          `la ligne compte ${record.cells.length} colonnes pour ${header.cells.length} dans l’en-tête.`,
        ),
      );
    }
    const lineRows: ValueRow[] = [];
    for (const column of valueColumns) {
      const text = cell(column.position);
      // Blank: not produced by the Cnaf, absent (never zero). "s": withheld, stored as secret.
      if (text === '') continue;
      const indicator = catalogue.indicators.get(column.indicator)!;
      const parsed = isSecretMarker(text)
        ? ({ ok: true, value: null } as const)
        : parseCellValue(indicator.kind, text);
      if (!parsed.ok) {
        lineErrors.push(importError(record.line, column.name, parsed.reason));
        continue;
      }
      if (date && lineErrors.length === 0) {
        lineRows.push({
          territory: commune,
          indicator: indicator.id,
          date,
          value: parsed.value,
          source: CAFDATA_SOURCE,
          line: record.line,
          column: column.name,
        });
      }
    }
    if (lineErrors.length === 0 && date) {
      const key = `${commune}|${date}`;
      const first = seen.get(key);
      if (first !== undefined) {
        lineErrors.push(
          importError(record.line, COMMUNE, `la commune ${commune} au ${date} figure déjà ligne ${first}.`),
        );
      } else {
        seen.set(key, record.line);
        rows.push(...lineRows);
      }
    }
    errors.push(...lineErrors);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [importError(1, '', 'le fichier ne contient aucune valeur.')] };
  return { ok: true, rows, shares: [] };
}
