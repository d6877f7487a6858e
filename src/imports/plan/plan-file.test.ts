import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipBomb } from '../../../tests/support/hostile-files.js';
import {
  BUDGET_NATURES,
  BUDGET_STAGES,
  BUDGET_UNITS,
  FICHE_STATUSES,
  INDICATOR_VALUE_KINDS,
  PARTICIPATION_LEVELS,
  PRIORITIES,
  PUBLICS,
  THEMES,
} from '../../domain/plan/model.js';
import {
  type PlanFile,
  type PlanFileFiche,
  type PlanFileFields,
  type PlanFileFormat,
  type PlanFileIndicator,
  readPlanFile,
  writePlanFile,
} from './index.js';
import { samplePlan } from './plan-file.test-support.js';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function errorsOf(bytes: Uint8Array, format: PlanFileFormat) {
  const result = await readPlanFile(bytes, format);
  if (result.ok) throw new Error('the file was accepted');
  return result.errors;
}

async function xlsxWith(bytes: Uint8Array, edit: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('a 50-fiche plan', () => {
  const plan = samplePlan(50);
  for (const format of ['csv', 'xlsx', 'ods'] as const) {
    it(`imports from ${format} whole, and writes the same bytes again`, async () => {
      const bytes = await writePlanFile(plan, format);
      const result = await readPlanFile(bytes, format);
      expect(result.ok && result.plan).toEqual(plan);
      if (!result.ok) return;
      expect(result.plan.fiches).toHaveLength(50);
      expect(result.references.filter((r) => r.kind === 'account')).toHaveLength(17);
      expect(Buffer.from(await writePlanFile(result.plan, format)).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('with one bad status in the CSV gives one error naming that line and column, and nothing else', async () => {
    const lines = decode(await writePlanFile(plan, 'csv')).split('\r\n');
    const index = lines.findIndex((l) => l.startsWith('fiche;2.3;'));
    expect(index).toBeGreaterThan(0);
    const cells = lines[index]!.split(';');
    cells[4] = 'en cour';
    lines[index] = cells.join(';');
    const errors = await errorsOf(encode(lines.join('\r\n')), 'csv');
    expect(errors).toHaveLength(1);
    // Multi-line quoted cells above: the physical line is not the record's index.
    const physical = lines.slice(0, index).join('\r\n').split('\n').length + 1;
    expect(errors[0]).toMatchObject({ sheet: null, line: physical, letter: 'E', column: 'statut' });
    expect(errors[0]!.message).toBe(
      `Ligne ${physical}, colonne E (statut) : « en cour » n’est pas un statut ; valeurs admises : à venir (planned), en cours (in_progress), réalisée (done), en pause (paused), bloquée (blocked), abandonnée (abandoned), en retard (late).`,
    );
  });

  it('with one bad amount in the XLSX names the sheet, the line, the column letter and header', async () => {
    const bytes = await xlsxWith(await writePlanFile(plan, 'xlsx'), (workbook) => {
      workbook.getWorksheet('Budget')!.getCell('F2').value = '12,345';
    });
    const errors = await errorsOf(bytes, 'xlsx');
    expect(errors.map((e) => e.message)).toEqual([
      'Feuille « Budget », ligne 2, colonne F (montant) : « 12,345 » n’est pas un montant en euros (nombre positif, au plus deux décimales, ex. 1 234,50).',
    ]);
  });

  it('with a fiche under an axe the file does not describe, says so', async () => {
    const bytes = await xlsxWith(await writePlanFile(plan, 'xlsx'), (workbook) => {
      const sheet = workbook.getWorksheet('Fiches')!;
      sheet.getRow(sheet.rowCount + 1).values = ['fiche', '9.1', 'Une fiche de trop'];
    });
    const errors = await errorsOf(bytes, 'xlsx');
    expect(errors.map((e) => e.message)).toEqual([
      `Feuille « Fiches », ligne ${2 + 5 + 50 + 34}, colonne B (référence) : l’axe 9 n’est décrit par aucune ligne « axe ».`,
    ]);
  });
});

describe('what a person writes by hand', () => {
  const header =
    'type,référence,titre,statut,priorité,date de début,date de fin,montant,année,cofinanceurs,unité';
  it('accepts labels for codes (any case, no accents), comma separators, a BOM, French dates and amounts', async () => {
    const csv = [
      `\uFEFF${header}`,
      'axe,1,Petite enfance,,,,,,,,',
      'Fiche,1.10,Relais petite enfance,EN COURS,moyenne,15/01/2026,2027-12-31,,,,',
      'sous action,1.10.2,Sous-action,a venir,,,,,,,',
      'budget,1.10,,,,,,"1 234,50",2026,"Caf : 1 000\nDépartement : 234,50",Euros',
      'budget,1.10.2,,,,,,0.5,2026,,etp',
    ].join('\r\n');
    const result = await readPlanFile(encode(csv), 'csv');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    if (!result.ok) return;
    const fiche = result.plan.fiches[0]!;
    expect(fiche).toMatchObject({
      axe: 1,
      position: 10,
      status: 'in_progress',
      priority: 'medium',
      startDate: '2026-01-15',
      budget: [
        {
          year: 2026,
          unit: 'eur',
          nature: 'operating',
          stage: 'planned',
          amount: 123450n,
          coFunders: [
            { name: 'Caf', amount: 100000n },
            { name: 'Département', amount: 23450n },
          ],
        },
      ],
    });
    expect(fiche.subActions).toMatchObject([
      { position: 2, status: 'planned', budget: [{ unit: 'fte', amount: 50n }] },
    ]);
  });

  it('reports every error of every line, and no plan', async () => {
    const csv = [
      'type;référence;titre;statut;date de début;date de fin;publics;fiches liées;montant;année',
      'axe;1;Axe;;;;;;;',
      'fiche;1.1;;fini;2026-02-30;;bébés;1.1;;',
      'fiche;1.2;B;;2026-05-01;2026-04-01;;3.4;;',
      'budget;1.9;;;;;;;12;2026',
      'note;1.1;;;;;;;;',
      'fiche;1.1;Doublon;;;;;;;',
    ].join('\n');
    const errors = await errorsOf(encode(csv), 'csv');
    expect(errors.map((e) => [e.line, e.letter, e.column])).toEqual([
      [3, 'C', 'titre'],
      [3, 'D', 'statut'],
      [3, 'E', 'date de début'],
      [3, 'G', 'publics'],
      [4, 'F', 'date de fin'],
      [6, 'A', 'type'],
    ]);
    expect(errors[2]!.message).toBe(
      'Ligne 3, colonne E (date de début) : « 2026-02-30 » n’est pas une date valide (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).',
    );
    // Once every line reads, the references between lines are checked.
    const fixed = csv
      .replace('fiche;1.1;;fini;2026-02-30;;bébés', 'fiche;1.1;A;;;;familles')
      .replace('2026-05-01;2026-04-01', ';')
      .replace('note;1.1;;;;;;;;\n', '');
    expect((await errorsOf(encode(fixed), 'csv')).map((e) => e.message)).toEqual([
      'Ligne 3, colonne H (fiches liées) : une fiche ne peut pas être liée à elle-même.',
      'Ligne 4, colonne H (fiches liées) : la fiche liée 3.4 n’existe pas dans le fichier.',
      'Ligne 5, colonne B (référence) : la fiche 1.9 n’existe pas dans le fichier.',
      'Ligne 6, colonne B (référence) : la fiche 1.1 figure déjà ligne 3.',
    ]);
  });

  it('refuses unknown columns and a column filled for a kind of line it does not apply to', async () => {
    expect(
      (await errorsOf(encode('type;référence;titre;couleur\naxe;1;A;bleu\n'), 'csv')).map((e) => e.message),
    ).toEqual([
      expect.stringMatching(
        /^Ligne 1, colonne D \(couleur\) : colonne inconnue ; les colonnes attendues sont « type », « référence »/,
      ),
    ]);
    expect(
      (await errorsOf(encode('type;référence;titre;thème\naxe;1;A;autre\n'), 'csv')).map((e) => e.message),
    ).toEqual(['Ligne 2, colonne D (thème) : cette colonne ne s’applique pas à un axe : videz-la.']);
  });
});

describe('hostile files are refused in French', () => {
  it('a zip bomb, as XLSX or ODS, before it is inflated', async () => {
    for (const format of ['xlsx', 'ods'] as const) {
      const errors = await errorsOf(zipBomb(), format);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/^Le fichier est refusé : une fois décompressé, il dépasserait/),
      ]);
    }
  });

  it('a file over 10 Mo, an empty file, NUL bytes, Latin-1, a workbook sent as CSV', async () => {
    expect((await errorsOf(new Uint8Array(10 * 1024 * 1024 + 1), 'csv'))[0]!.message).toMatch(
      /pèse 10,0 Mo \(10 Mo au plus\)/,
    );
    expect((await errorsOf(new Uint8Array(0), 'xlsx'))[0]!.message).toBe(
      'Le fichier est refusé : il est vide.',
    );
    expect((await errorsOf(encode('type;référence;titre\naxe;1;A\u0000\n'), 'csv'))[0]!.message).toMatch(
      /octets nuls/,
    );
    expect((await errorsOf(new Uint8Array([0x74, 0x3b, 0xe9, 0x0a]), 'csv'))[0]!.message).toMatch(/UTF-8/);
    expect((await errorsOf(await writePlanFile(samplePlan(2), 'xlsx'), 'csv'))[0]!.message).toMatch(
      /c’est une archive/,
    );
    expect((await errorsOf(encode('type;titre'), 'ods'))[0]!.message).toMatch(
      /n’est pas un classeur ODS \(le contenu/,
    );
    expect((await errorsOf(await writePlanFile(samplePlan(2), 'ods'), 'xlsx'))[0]!.message).toMatch(
      /n’est pas un classeur XLSX lisible/,
    );
  });

  it('too many lines', async () => {
    const csv = `type;référence;titre\n${'axe;1;A\n'.repeat(50_001)}`;
    expect((await errorsOf(encode(csv), 'csv')).map((e) => e.message)).toEqual([
      'Le fichier est refusé : il compte 50002 lignes (50000 au plus).',
    ]);
  });

  it('formulas: a cached value is read, a formula without one is refused, a CSV formula is refused', async () => {
    const base = await writePlanFile(samplePlan(1), 'xlsx');
    const cached = await xlsxWith(base, (workbook) => {
      workbook.getWorksheet('Fiches')!.getCell('C2').value = { formula: 'UPPER("x")', result: 'Axe calculé' };
    });
    const result = await readPlanFile(cached, 'xlsx');
    expect(result.ok && result.plan.axes[0]!.title).toBe('Axe calculé');
    const uncached = await xlsxWith(base, (workbook) => {
      workbook.getWorksheet('Fiches')!.getCell('C2').value = {
        formula: 'UPPER("x")',
      } as ExcelJS.CellFormulaValue;
    });
    expect((await errorsOf(uncached, 'xlsx')).map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Feuille « Fiches », ligne 2, colonne C \(titre\) : la cellule contient une formule sans valeur calculée/,
      ),
    ]);
    expect(
      (await errorsOf(encode('type;référence;titre\naxe;1;=HYPERLINK("x")\n'), 'csv'))[0]!.message,
    ).toMatch(/^Ligne 2, colonne C \(titre\) : la cellule commence par « = »/);
  });

  it('an ODS with a DOCTYPE, a repeated filled row, cells beyond column 100', async () => {
    const ods = (content: string) =>
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
        'content.xml': strToU8(content),
      });
    const row = (cells: string) => `<table:table-row>${cells}</table:table-row>`;
    const cell = (text: string, extra = '') =>
      `<table:table-cell${extra}><text:p>${text}</text:p></table:table-cell>`;
    const sheet = (rows: string) =>
      `<office:document-content><office:body><office:spreadsheet><table:table table:name="Fiches">${row(cell('type') + cell('référence') + cell('titre'))}${rows}</table:table></office:spreadsheet></office:body></office:document-content>`;
    expect((await errorsOf(ods(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${sheet('')}`), 'ods'))[0]!.message).toMatch(
      /DOCTYPE/,
    );
    const repeated = `<table:table-row table:number-rows-repeated="1000000">${cell('axe') + cell('1') + cell('A')}</table:table-row>`;
    expect((await errorsOf(ods(sheet(repeated)), 'ods'))[0]!.message).toMatch(
      /répète une ligne remplie 1000000 fois/,
    );
    const wide = row(
      cell('axe') + cell('1') + cell('A') + cell('x', ' table:number-columns-repeated="16000"'),
    );
    expect((await errorsOf(ods(sheet(wide)), 'ods'))[0]!.message).toMatch(/au-delà de la colonne 100/);
    // LibreOffice's own empty trailing rows and columns are only counters.
    const trailing = `${row(`${cell('axe') + cell('1') + cell('A')}<table:table-cell table:number-columns-repeated="16381"/>`)}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
    const read = await readPlanFile(ods(sheet(trailing)), 'ods');
    expect(read.ok && read.plan.axes).toEqual([{ position: 1, title: 'A', description: '' }]);
  });

  it('an unknown sheet and a workbook without « Fiches »', async () => {
    const bytes = await xlsxWith(await writePlanFile(samplePlan(1), 'xlsx'), (workbook) => {
      workbook.getWorksheet('Fiches')!.name = 'Actions';
    });
    expect((await errorsOf(bytes, 'xlsx')).map((e) => e.message)).toEqual([
      'Feuille « Actions », ligne 1 : feuille inconnue ; les feuilles attendues sont « Fiches », « Budget », « Indicateurs », « Valeurs », « Suivi ».',
      'Le fichier est refusé : le classeur n’a pas de feuille « Fiches ».',
    ]);
  });
});

// ─── Property: any valid plan survives write → read → write ──────────────────────────────────────

const CHARS = [...'abcdeé É àç ;,:"\'’«»-=+@/.()1234567890\t'];
const word = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join('').trim())
  .filter((s) => s !== '' && !s.includes('\t\t'));
const optionalText = fc.oneof(fc.constant(''), word);
const multiline = fc.array(word, { maxLength: 3 }).map((parts) => parts.join('\n'));
const isoDate = fc
  .record({
    y: fc.integer({ min: 2020, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const decimalText = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.stringMatching(/^\d{1,3}$/)).map(([i, f]) => `${i}.${f}`),
);
const budgetLines = fc.uniqueArray(
  fc.record({
    year: fc.integer({ min: 2024, max: 2030 }),
    nature: fc.constantFrom(...BUDGET_NATURES),
    unit: fc.constantFrom(...BUDGET_UNITS),
    stage: fc.constantFrom(...BUDGET_STAGES),
    amount: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    coFunders: fc.uniqueArray(fc.record({ name: word, amount: fc.bigInt({ min: 0n, max: 10n ** 10n }) }), {
      maxLength: 3,
      selector: (c) => c.name,
    }),
  }),
  { maxLength: 3, selector: (b) => `${b.year}|${b.nature}|${b.unit}|${b.stage}` },
);
const fields: fc.Arbitrary<PlanFileFields> = fc
  .record({
    title: word,
    description: fc.oneof(fc.constant(''), multiline),
    status: fc.constantFrom(...FICHE_STATUSES),
    priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: null }),
    dates: fc.tuple(fc.option(isoDate, { nil: null }), fc.option(isoDate, { nil: null })),
    recurring: fc.boolean(),
    pilots: fc.array(
      fc.oneof(
        word.filter((w) => !w.includes('@')).map((name) => ({ kind: 'person' as const, name })),
        fc
          .constantFrom('a@b.fr', 'Marie.Dupont@mairie-x.fr')
          .map((email) => ({ kind: 'account' as const, email })),
      ),
      { maxLength: 3 },
    ),
    budget: budgetLines,
  })
  .map(({ dates: [a, b], recurring, ...rest }) => {
    const [startDate, endDate] = a && b && b < a ? [b, a] : [a, b];
    return { ...rest, startDate, endDate, recurring };
  });
const listItem = word.filter((w) => !/[;,]/.test(w));

const planArbitrary: fc.Arbitrary<PlanFile> = fc
  .record({
    axes: fc.uniqueArray(
      fc.record({ position: fc.integer({ min: 1, max: 12 }), title: word, description: optionalText }),
      {
        minLength: 1,
        maxLength: 3,
        selector: (a) => a.position,
      },
    ),
    ficheSeeds: fc.array(
      fc.record({
        axeIndex: fc.nat(),
        position: fc.integer({ min: 1, max: 12 }),
        fields,
        theme: fc.option(fc.constantFrom(...THEMES), { nil: null }),
        publics: fc.uniqueArray(fc.constantFrom(...PUBLICS), { maxLength: 3 }),
        objectives: fc.uniqueArray(listItem, { maxLength: 2 }),
        electedReferent: optionalText,
        partners: fc.array(word, { maxLength: 2 }),
        humanMeans: optionalText,
        technicalMeans: multiline,
        participation: fc.constantFrom(...PARTICIPATION_LEVELS),
        evaluationCriteria: fc.array(word, { maxLength: 2 }),
        notes: fc.array(fc.record({ date: isoDate, text: multiline.filter((t) => t !== '') }), {
          maxLength: 2,
        }),
        confidential: fc.boolean(),
        subActions: fc.uniqueArray(fc.record({ position: fc.integer({ min: 1, max: 11 }), fields }), {
          maxLength: 2,
          selector: (s) => s.position,
        }),
        link: fc.nat(),
      }),
      { maxLength: 6 },
    ),
    indicatorSeeds: fc.array(
      fc.record({
        fiche: fc.nat(),
        objective: fc.option(listItem, { nil: null }),
        title: word,
        unit: optionalText,
        baselineValue: fc.option(decimalText, { nil: null }),
        baselineDate: fc.option(isoDate, { nil: null }),
        source: optionalText,
        comment: optionalText,
        diagnosticIndicatorId: fc.option(fc.constantFrom('eaje_places', 'rsa'), { nil: null }),
        values: fc.uniqueArray(
          fc.record({
            year: fc.integer({ min: 2024, max: 2030 }),
            kind: fc.constantFrom(...INDICATOR_VALUE_KINDS),
            value: decimalText,
            comment: optionalText,
          }),
          { maxLength: 3, selector: (v) => `${v.year}|${v.kind}` },
        ),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ axes, ficheSeeds, indicatorSeeds }) => {
    const sortedAxes = [...axes].sort((a, b) => a.position - b.position);
    const byRef = new Map<string, PlanFileFiche>();
    for (const seed of ficheSeeds) {
      const axe = sortedAxes[seed.axeIndex % sortedAxes.length]!.position;
      const reference = `${axe}.${seed.position}`;
      if (byRef.has(reference)) continue;
      const { fields: f, axeIndex: _, link: __, subActions, ...rest } = seed;
      byRef.set(reference, {
        ...f,
        ...rest,
        axe,
        linkedFiches: [],
        subActions: [...subActions]
          .sort((a, b) => a.position - b.position)
          .map((s) => ({ ...s.fields, position: s.position })),
      });
    }
    const fiches = [...byRef.values()].sort((a, b) => a.axe - b.axe || a.position - b.position);
    const refs = fiches.map((f) => `${f.axe}.${f.position}`);
    ficheSeeds.forEach((seed, i) => {
      const fiche = fiches[i];
      if (!fiche || refs.length < 2) return;
      const other = refs[seed.link % refs.length]!;
      if (other !== `${fiche.axe}.${fiche.position}`) fiche.linkedFiches = [other];
    });
    const indicators: PlanFileIndicator[] = indicatorSeeds.map(({ fiche, objective, values, ...rest }) => {
      const attached = objective === null && refs.length > 0 ? refs[fiche % refs.length]! : null;
      // Values are written by year, target before result.
      const ordered = [...values].sort(
        (a, b) => a.year - b.year || (a.kind === b.kind ? 0 : a.kind === 'target' ? -1 : 1),
      );
      return {
        ...rest,
        values: ordered,
        fiche: attached,
        objective: attached ? null : (objective ?? 'objectif'),
      };
    });
    return { axes: sortedAxes, fiches, indicators };
  });

describe('any valid plan', () => {
  for (const [format, numRuns] of [
    ['csv', 100],
    ['ods', 60],
    ['xlsx', 15],
  ] as const) {
    it(`survives ${format} write → read → write, to the byte`, async () => {
      await fc.assert(
        fc.asyncProperty(planArbitrary, async (plan) => {
          const bytes = await writePlanFile(plan, format);
          const result = await readPlanFile(bytes, format);
          if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
          expect(result.plan).toEqual(plan);
          expect(Buffer.from(await writePlanFile(result.plan, format)).equals(Buffer.from(bytes))).toBe(true);
        }),
        { numRuns },
      );
    });
  }
});

describe('docs/plan-import.md', () => {
  it('its CSV example imports', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/plan-import.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1]!;
    const result = await readPlanFile(encode(example), 'csv');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    if (!result.ok) return;
    expect(result.plan.fiches[0]).toMatchObject({
      status: 'in_progress',
      publics: ['families', 'parents'],
      pilots: [
        { kind: 'person', name: 'Marie Dupont' },
        { kind: 'account', email: 'm.martin@mairie-carrieres.fr' },
      ],
      budget: [
        {
          amount: 1200000n,
          coFunders: [
            { name: 'Caf', amount: 600000n },
            { name: 'Commune', amount: 600000n },
          ],
        },
      ],
    });
    expect(result.plan.indicators[0]!.values).toEqual([
      { year: 2026, kind: 'target', value: '40', comment: '' },
    ]);
  });
});

describe('arbitrary bytes', () => {
  it('are refused or read, never thrown, in every format', async () => {
    const valid = await writePlanFile(samplePlan(3), 'xlsx');
    const validOds = await writePlanFile(samplePlan(3), 'ods');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc.string({ maxLength: 500 }).map((s) => encode(`type;référence;titre\n${s}`)),
          // A valid package with some bytes changed.
          fc
            .tuple(
              fc.constantFrom(valid, validOds),
              fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
            )
            .map(([bytes, changes]) => {
              const copy = new Uint8Array(bytes);
              for (const [at, value] of changes) copy[at % copy.length] = value;
              return copy;
            }),
        ),
        fc.constantFrom('csv' as const, 'xlsx' as const, 'ods' as const),
        async (bytes, format) => {
          const result = await readPlanFile(bytes, format);
          if (!result.ok) {
            for (const error of result.errors) expect(error.message).toMatch(/^(Feuille|Ligne|Le fichier)/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
