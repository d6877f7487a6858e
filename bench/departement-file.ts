/**
 * Writes, in the long layout, a plausible diagnostic file for every commune of a département
 * (synthetic figures, as `ctg demo-data` makes them): the input of `bench/diagnostic-import.sh`.
 *
 * Usage: npx tsx bench/departement-file.ts 78 > yvelines.csv
 */
import { syntheticCommuneValues } from '../src/domain/diagnostic/index.js';
import { readReferential } from '../src/imports/territories/decoupage-administratif.js';

const code = process.argv[2] ?? '78';
const communes = readReferential({ departements: [code] }).rows.filter((r) => r.level === 'commune');
const lines = ['code_territoire;indicateur;date_reference;valeur;source'];
const french = (value: number | bigint): string => {
  if (typeof value === 'number') return String(value).replace('.', ',');
  const cents = value % 100n;
  return cents === 0n ? `${value / 100n}` : `${value / 100n},${cents.toString().padStart(2, '0')}`;
};
for (const commune of communes) {
  for (const row of syntheticCommuneValues(commune.code, commune.population ?? 0)) {
    lines.push(
      [row.territory, row.indicator, row.date, french(row.value!), 'Données de banc d’essai'].join(';'),
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
process.stderr.write(`${communes.length} communes, ${lines.length - 1} valeurs\n`);
