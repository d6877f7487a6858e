import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../domain/diagnostic/catalogue.js';
import { CAFDATA_COLUMNS, parseCafdataCommuneCsv } from './cafdata.js';

describe('CAFDATA mapping', () => {
  it('maps every column to a distinct catalogue indicator of a matching kind', () => {
    const targets = Object.values(CAFDATA_COLUMNS);
    expect(new Set(targets).size).toBe(targets.length);
    for (const [column, id] of Object.entries(CAFDATA_COLUMNS)) {
      const indicator = CATALOGUE.indicators.get(id);
      expect(indicator, column).toBeDefined();
      const expected = column.startsWith('indmtt_')
        ? 'amount'
        : column.startsWith('indmoy_')
          ? 'mean'
          : 'count';
      expect(indicator!.kind, column).toBe(expected);
      expect(indicator!.secret, column).toBe(true);
    }
  });
});

describe('parseCafdataCommuneCsv', () => {
  it('reads one row per figure, dates in both formats, blanks as absent and "s" as secret at source', () => {
    const csv = [
      'dtreffre;numcomdo;nomcom;indfoy_tot;indfoy_rsa;indnbp_aeeh02;indmtt_rsa;indmoy_qf',
      '2022-12-31;78124;Carrières-sur-Seine;2300;215;;115502;1526,40',
      '31/12/2021;78124;Carrières-sur-Seine;2295;s;5;110000,5;',
    ].join('\r\n');
    const result = parseCafdataCommuneCsv(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = result.rows.map((r) => [r.date, r.indicator, r.value, r.line, r.column]);
    expect(rows).toEqual([
      ['2022-12-31', 'allocataires', 2300, 2, 'indfoy_tot'],
      ['2022-12-31', 'rsa', 215, 2, 'indfoy_rsa'],
      ['2022-12-31', 'rsa_amount', 11550200n, 2, 'indmtt_rsa'],
      ['2022-12-31', 'family_quotient_mean', 152640n, 2, 'indmoy_qf'],
      ['2021-12-31', 'allocataires', 2295, 3, 'indfoy_tot'],
      ['2021-12-31', 'rsa', null, 3, 'indfoy_rsa'],
      ['2021-12-31', 'aeeh_children_0_2', 5, 3, 'indnbp_aeeh02'],
      ['2021-12-31', 'rsa_amount', 11000050n, 3, 'indmtt_rsa'],
    ]);
    expect(result.rows.every((r) => r.territory === '78124' && r.source === 'CAFDATA s_ben_com_f')).toBe(
      true,
    );
  });

  it('rejects unknown columns, bad dates and codes, negative counts and duplicates, all at once', () => {
    const csv = ['dtreffre;numcomdo;nomcom;indfoy_tot;indfoy_xyz', '2022-12-31;78124;A;10;1'].join('\n');
    const header = parseCafdataCommuneCsv(csv);
    expect(header).toEqual({
      ok: false,
      errors: [
        {
          line: 1,
          column: 'indfoy_xyz',
          message:
            'Ligne 1, colonne « indfoy_xyz » : colonne inconnue : elle ne figure pas dans la table de correspondance CAFDATA (docs/import-diagnostic.md).',
        },
      ],
    });
    const body = parseCafdataCommuneCsv(
      [
        'dtreffre;numcomdo;nomcom;indfoy_tot;indmtt_rsa',
        '2022-12-31;78124;A;10;100',
        '2022-12-31;78124;A;11;100',
        '2022-02-30;78125;B;10;100',
        '2022-12-31;781;C;10;100',
        '2022-12-31;78126;D;-5;abc',
      ].join('\n'),
    );
    expect(body.ok).toBe(false);
    if (body.ok) return;
    expect(body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'numcomdo'],
      [4, 'dtreffre'],
      [5, 'numcomdo'],
      [6, 'indfoy_tot'],
      [6, 'indmtt_rsa'],
    ]);
    expect(body.errors[0]!.message).toBe(
      'Ligne 3, colonne « numcomdo » : la commune 78124 au 2022-12-31 figure déjà ligne 2.',
    );
  });

  it('requires the date and commune columns', () => {
    const result = parseCafdataCommuneCsv('nomcom;indfoy_tot\nA;10\n');
    expect(!result.ok && result.errors.map((e) => e.column)).toEqual(['dtreffre', 'numcomdo']);
  });
});

describe('documentation', () => {
  it('documents every CAFDATA column in docs/import-diagnostic.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/import-diagnostic.md', import.meta.url), 'utf8');
    for (const [column, id] of Object.entries(CAFDATA_COLUMNS)) {
      expect(doc, column).toContain(`| \`${column}\` | \`${id}\` |`);
    }
  });
});
