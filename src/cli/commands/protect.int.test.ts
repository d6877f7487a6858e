/**
 * `ctg protect` end to end: JSON in, JSON or a French error out. Standard input is read by the real
 * command in a child process; the rest runs the same program in this process (`runCli`, what
 * `bin/ctg.js` runs), its standard input given.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctgInProcessWithInput } from '../../../tests/support/cli.js';

const root = join(import.meta.dirname, '../../..');

function ctgProtectProcess(args: string[], stdin?: string) {
  const run = spawnSync(process.execPath, [join(root, 'bin/ctg.js'), 'protect', ...args], {
    cwd: root,
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function ctgProtect(args: string[], stdin?: string) {
  const run = await ctgInProcessWithInput(process.env, stdin ?? '', 'protect', ...args);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const aeeh = {
  zone: { allocataires: 5000 },
  cells: [
    { id: 'aeeh_0_2', value: 1, kind: 'count' },
    { id: 'aeeh_3_5', value: 6, kind: 'count' },
    { id: 'aeeh_6_11', value: 39, kind: 'count' },
    { id: 'aeeh_12_15', value: 35, kind: 'count' },
    { id: 'aeeh_16_17', value: 14, kind: 'count' },
    { id: 'aeeh_0_17', value: 95, kind: 'count' },
    { id: 'aeeh_total', value: 103, kind: 'count' },
  ],
  relations: [
    { total: 'aeeh_0_17', parts: ['aeeh_0_2', 'aeeh_3_5', 'aeeh_6_11', 'aeeh_12_15', 'aeeh_16_17'] },
  ],
  ratios: [
    { id: 'share_0_2', numerator: 'aeeh_0_2', denominator: 'aeeh_total', decimals: 1 },
    { id: 'share_6_11', numerator: 'aeeh_6_11', denominator: 'aeeh_total', decimals: 1 },
  ],
};

describe('ctg protect', () => {
  it('protects a table read from a file and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctg-protect-'));
    const file = join(dir, 'aeeh.json');
    writeFileSync(file, JSON.stringify(aeeh));
    const { code, stdout, stderr } = await ctgProtect([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.cells[0]).toEqual({ id: 'aeeh_0_2', kind: 'count', status: 'primary', value: null });
    expect(out.cells[1]).toEqual({ id: 'aeeh_3_5', kind: 'count', status: 'secondary', value: null });
    expect(out.cells[2]).toEqual({ id: 'aeeh_6_11', kind: 'count', status: 'published', value: 39 });
    expect(out.ratios).toEqual([
      {
        id: 'share_0_2',
        numerator: 'aeeh_0_2',
        denominator: 'aeeh_total',
        decimals: 1,
        status: 'primary',
        value: null,
      },
      {
        id: 'share_6_11',
        numerator: 'aeeh_6_11',
        denominator: 'aeeh_total',
        decimals: 1,
        status: 'published',
        value: 37.9,
      },
    ]);
    expect(out.summary).toMatchObject({ primary: 1, secondary: 1, published: 5 });
  });

  it('reads standard input with “-” or no file', async () => {
    // The real pipe of a process for one; the same reading, given its input, for the other.
    const viaDash = ctgProtectProcess(['-'], JSON.stringify(aeeh));
    const viaNothing = await ctgProtect([], JSON.stringify(aeeh));
    expect(viaDash.code).toBe(0);
    expect(viaNothing.stdout).toBe(viaDash.stdout);
  });

  it('rejects bad JSON with its line and column', async () => {
    const { code, stderr, stdout } = await ctgProtect(['-'], '{\n  "cells": [\n    x\n  ]\n}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Erreur : le tableau fourni n’est pas un JSON valide (ligne 3, colonne 5).\n');
  });

  it('names an unknown id', async () => {
    const table = {
      ...aeeh,
      relations: [...aeeh.relations, { total: 'aeeh_total', parts: ['aeeh_0_17', 'x'] }],
    };
    const { code, stderr } = await ctgProtect(['-'], JSON.stringify(table));
    expect(code).toBe(2);
    expect(stderr).toBe('Erreur : la relation n° 2 cite la cellule « x » qui n’existe pas.\n');
  });

  it('refuses a negative count and a non-integer value', async () => {
    const negative = { ...aeeh, cells: [{ id: 'n', value: -3, kind: 'count' }], relations: [], ratios: [] };
    const neg = await ctgProtect(['-'], JSON.stringify(negative));
    expect(neg.code).toBe(2);
    expect(neg.stderr).toBe('Erreur : la cellule « n » est un effectif négatif (-3).\n');
    const fractional = { ...negative, cells: [{ id: 'n', value: 2.5, kind: 'amount' }] };
    const frac = await ctgProtect(['-'], JSON.stringify(fractional));
    expect(frac.code).toBe(2);
    expect(frac.stderr).toContain('« cells[0].value »');
  });

  it('says when the file cannot be read', async () => {
    const { code, stderr } = await ctgProtect([join(tmpdir(), 'ctg-does-not-exist.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('fichier introuvable');
  });
});
