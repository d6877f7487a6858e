import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseLongLayoutCsv, parseLongLayoutXlsx } from './long-layout.js';

const HEADER = 'code_territoire;indicateur;date_reference;valeur;source';

describe('parseLongLayoutCsv', () => {
  it('reads counts, amounts in cents and rates, with BOM, CRLF and French decimals', () => {
    const csv = `\uFEFF${HEADER}\r\n78124;rsa;2022-12-31;216;Caf\r\n78124;rsa_amount;31/12/2022;"115 502,37";Caf\r\n78;caf_coverage;2022-12-31;50,1;\r\n`;
    const result = parseLongLayoutCsv(new TextEncoder().encode(csv));
    expect(result).toEqual({
      ok: true,
      rows: [
        { territory: '78124', indicator: 'rsa', date: '2022-12-31', value: 216, line: 2, source: 'Caf' },
        {
          territory: '78124',
          indicator: 'rsa_amount',
          date: '2022-12-31',
          value: 11550237n,
          line: 3,
          source: 'Caf',
        },
        { territory: '78', indicator: 'caf_coverage', date: '2022-12-31', value: 50.1, line: 4 },
      ],
      shares: [],
    });
  });

  it('accepts commas as separators and columns in any order', () => {
    const csv = 'valeur,indicateur,code_territoire,date_reference\n"44,5",caf_coverage,78124,2022-12-31\n';
    const result = parseLongLayoutCsv(csv);
    expect(result.ok && result.rows[0]!.value).toBe(44.5);
  });

  it('returns every error with its line and column, and no rows', () => {
    const csv = [
      HEADER,
      '78124;rsa;2022-12-31;216;',
      '78124;rsa;2022-12-31;217;', // duplicate of line 2
      '78124;rsaa;2022-12-31;1;', // unknown indicator
      '78124;ppa;2022-13-01;1;', // bad date
      '78124;aah;2022-12-31;-3;', // negative count
      '78124;aeeh;2022-12-31;12,5;', // not an integer
      '78124;rsa_isolation;2022-12-31;nd;', // not available
      '7812;isolated;2022-12-31;3;', // bad code
      '78124;caf_coverage;2022-12-31;12,3x;',
      '78124;rsa_amount;2022-12-31;12,345;',
    ].join('\n');
    const result = parseLongLayoutCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'indicateur'],
      [4, 'indicateur'],
      [5, 'date_reference'],
      [6, 'valeur'],
      [7, 'valeur'],
      [8, 'valeur'],
      [9, 'code_territoire'],
      [10, 'valeur'],
      [11, 'valeur'],
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Ligne 3, colonne « indicateur » : l’indicateur « rsa » du territoire 78124 au 2022-12-31 figure déjà ligne 2.',
      'Ligne 4, colonne « indicateur » : « rsaa » n’est pas un indicateur connu (voir docs/indicators.md).',
      'Ligne 5, colonne « date_reference » : « 2022-13-01 » n’est pas une date valide (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).',
      'Ligne 6, colonne « valeur » : « -3 » : un effectif ne peut pas être négatif.',
      'Ligne 7, colonne « valeur » : « 12,5 » n’est pas un nombre entier : un effectif se compte en unités.',
      'Ligne 8, colonne « valeur » : « nd » signifie « non disponible » : retirez la ligne, une donnée absente n’a pas à être importée.',
      'Ligne 9, colonne « code_territoire » : « 7812 » n’est pas un code de territoire (commune : 5 caractères, département : 2 ou 3, EPCI : 9 chiffres).',
      'Ligne 10, colonne « valeur » : « 12,3x » n’est pas un nombre.',
      'Ligne 11, colonne « valeur » : « 12,345 » n’est pas un montant en euros (au plus deux décimales).',
    ]);
    expect('rows' in result).toBe(false);
  });

  it('names unknown and missing columns on line 1', () => {
    const result = parseLongLayoutCsv('code_territoire;indicateur;date;valeur\n78124;rsa;2022-12-31;1\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 'date'],
      [1, 'date_reference'],
    ]);
    expect(result.errors[0]!.message).toMatch(/^Ligne 1, colonne « date » : colonne inconnue/);
  });

  it('counts lines inside quoted cells and refuses files that are not UTF-8', () => {
    const csv = `${HEADER}\n78124;rsa;2022-12-31;1;"deux\nlignes"\n78124;ppa;2022-12-31;x;\n`;
    const result = parseLongLayoutCsv(csv);
    expect(!result.ok && result.errors[0]!.line).toBe(4);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\n78124;rsa;2022-12-31;1;Insee `),
      0xe9,
      0x0a,
    ]);
    const bad = parseLongLayoutCsv(latin1);
    expect(!bad.ok && bad.errors[0]!.message).toMatch(/pas encodé en UTF-8/);
  });

  it('stores figures the source withheld ("s", "<5", "< 5", "secret") as secret, with no value', () => {
    const csv = [
      HEADER,
      '78124;social_work_insertion;2022-12-31;<5;Caf 2022',
      '78124;indecent_housing;2022-12-31;< 5;',
      '78124;ave_2022;2022-12-31;s;',
      '78124;population_evolution_6y;2019-01-01;secret;',
    ].join('\n');
    const result = parseLongLayoutCsv(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.indicator, r.value])).toEqual([
      ['social_work_insertion', null],
      ['indecent_housing', null],
      ['ave_2022', null],
      ['population_evolution_6y', null],
    ]);
  });

  it('reads a percentage printed without its count, with its denominator, and a note', () => {
    const header = 'code_territoire;indicateur;date_reference;valeur;part_pct;part_de;note;source';
    const csv = [
      header,
      '78;families;2022-12-31;;61,9;;;Caf au 31/12/2022',
      '78;families_0_2_all_working;2022-12-31;;58.7 %;families_0_2;;',
      '78124;social_work_insertion;2022-12-31;<5;;;dont 78 % en moyenne sont accompagnées;Caf 2022',
    ].join('\n');
    const result = parseLongLayoutCsv(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual([
      {
        territory: '78124',
        indicator: 'social_work_insertion',
        date: '2022-12-31',
        value: null,
        line: 4,
        source: 'Caf 2022',
        note: 'dont 78 % en moyenne sont accompagnées',
      },
    ]);
    expect(result.shares).toEqual([
      {
        territory: '78',
        indicator: 'families',
        date: '2022-12-31',
        base: 'allocataires',
        share: 61.9,
        line: 2,
        source: 'Caf au 31/12/2022',
      },
      {
        territory: '78',
        indicator: 'families_0_2_all_working',
        date: '2022-12-31',
        base: 'families_0_2',
        share: 58.7,
        line: 3,
      },
    ]);
  });

  it('names the line and column of a wrong percentage or denominator', () => {
    const header = 'code_territoire;indicateur;date_reference;valeur;part_pct;part_de';
    const csv = [
      header,
      '78;families_0_2_all_working;2022-12-31;;58,7;', // two denominators possible
      '78;families;2022-12-31;;61,9;population', // not a denominator of families
      '78;families;2022-12-31;;161,9;', // over 100
      '78;population;2019-01-01;;12;', // printed without a share of its own
      '78;families;2022-12-31;;;allocataires', // denominator without a percentage
      '78;families;2022-12-31;;;', // nothing at all
    ].join('\n');
    const result = parseLongLayoutCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'Ligne 2, colonne « part_de » : l’indicateur « families_0_2_all_working » a plusieurs dénominateurs : précisez « families_0_2 » ou « allocataires ».',
      'Ligne 3, colonne « part_de » : « population » n’est pas un dénominateur de « families » (attendu : « allocataires »).',
      'Ligne 4, colonne « part_pct » : « 161,9 » : un pourcentage ne dépasse pas 100.',
      'Ligne 5, colonne « part_pct » : l’indicateur « population » ne s’imprime avec aucun pourcentage.',
      'Ligne 6, colonne « valeur » : la valeur est vide (ni valeur ni « part_pct »).',
      'Ligne 6, colonne « part_de » : un dénominateur sans pourcentage : remplissez « part_pct » ou videz cette cellule.',
      'Ligne 7, colonne « valeur » : la valeur est vide (ni valeur ni « part_pct »).',
    ]);
  });

  it('refuses an empty file and a file with a header only', () => {
    expect(parseLongLayoutCsv('').ok).toBe(false);
    const headerOnly = parseLongLayoutCsv(`${HEADER}\n`);
    expect(!headerOnly.ok && headerOnly.errors[0]!.message).toBe(
      'Ligne 1 : le fichier ne contient aucune valeur.',
    );
  });
});

describe('parseLongLayoutXlsx', () => {
  async function workbook(rows: unknown[][]): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('valeurs');
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('reads the first sheet, with numbers and dates typed by the spreadsheet', async () => {
    const data = await workbook([
      ['code_territoire', 'indicateur', 'date_reference', 'valeur', 'source'],
      ['78124', 'population', new Date(Date.UTC(2019, 0, 1)), 15178, 'Insee RP2019'],
      ['78', 'funding_psu', '2022-12-31', 82991762.5, 'Caf 2022'],
      ['78124', 'population_evolution_6y', '2019-01-01', -0.9],
    ]);
    const result = await parseLongLayoutXlsx(data);
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          territory: '78124',
          indicator: 'population',
          date: '2019-01-01',
          value: 15178,
          line: 2,
          source: 'Insee RP2019',
        },
        {
          territory: '78',
          indicator: 'funding_psu',
          date: '2022-12-31',
          value: 8299176250n,
          line: 3,
          source: 'Caf 2022',
        },
        {
          territory: '78124',
          indicator: 'population_evolution_6y',
          date: '2019-01-01',
          value: -0.9,
          line: 4,
        },
      ],
      shares: [],
    });
  });

  it('reports errors with the spreadsheet row number', async () => {
    const data = await workbook([
      ['code_territoire', 'indicateur', 'date_reference', 'valeur'],
      ['78124', 'rsa', '2022-12-31', 216],
      ['78124', 'rsa', '2022-12-31', 'beaucoup'],
    ]);
    const result = await parseLongLayoutXlsx(data);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          column: 'valeur',
          message: 'Ligne 3, colonne « valeur » : « beaucoup » n’est pas un nombre.',
        },
      ],
    });
    const garbage = await parseLongLayoutXlsx(new TextEncoder().encode('pas un classeur'));
    expect(garbage.ok).toBe(false);
  });
});
