/**
 * `ctg protect [FICHIER|-]`: applies statistical secrecy to any table given as JSON (a file, or
 * standard input) and prints the protected table as JSON. Invalid input exits with code 2 and a
 * French message naming the fault.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  type Cell,
  DEFAULT_THRESHOLDS,
  findProblemIssues,
  type ProtectionProblem,
  protect,
  type Zone,
} from '../../domain/secrecy/index.js';
import { cliIo, exitWith } from '../runtime.js';

/** Exit code for input the command cannot use (bad JSON, unknown id, negative count…). */
const EXIT_INVALID_INPUT = 2;

class InputError extends Error {}

const integerValue = z
  .number()
  .refine(Number.isSafeInteger, { message: 'nombre entier attendu (un montant s’exprime en centimes)' });
const id = z.string().min(1);
const allocataires = z.number().int().min(0).nullable();

const inputSchema = z.object({
  zone: z.object({ allocataires, subjectToZoneRule: z.boolean().optional() }).optional(),
  zones: z.array(z.object({ id, allocataires, subjectToZoneRule: z.boolean().optional() })).optional(),
  cells: z.array(
    z.object({
      id,
      value: integerValue,
      kind: z.enum(['count', 'amount']),
      zone: id.optional(),
      level: z.number().int().min(0).optional(),
    }),
  ),
  relations: z.array(z.object({ total: id, parts: z.array(id) })).default([]),
  ratios: z
    .array(
      z.object({ id, numerator: id, denominator: id, decimals: z.number().int().min(0).max(6).default(1) }),
    )
    .default([]),
  thresholds: z
    .object({ minZoneAllocataires: z.number().int().min(0), minCount: z.number().int().min(1) })
    .partial()
    .optional(),
});

type Input = z.infer<typeof inputSchema>;

/** Line and column (from 1) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/**
 * Offset of the first JSON syntax error. JSON.parse of Node.js 20 does not always say where it
 * stopped ("Unexpected token 'x', … is not valid JSON"), so a small scanner finds the place.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
  return -1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new InputError('le tableau fourni est vide : un JSON est attendu.');
    const offset = jsonErrorOffset(text);
    let where = '';
    if (offset >= 0) {
      const { line, column } = lineColumn(text, Math.min(offset, text.length));
      where = ` (ligne ${line}, colonne ${column})`;
    }
    throw new InputError(`le tableau fourni n’est pas un JSON valide${where}.`);
  }
}

function pathLabel(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}

function toProblem(input: Input): ProtectionProblem {
  let zones: Zone[];
  if (input.zones) zones = input.zones;
  else if (input.zone) zones = [{ id: 'zone', ...input.zone }];
  else zones = [];
  const cells: Cell[] = input.cells.map((cell) => ({
    id: cell.id,
    value: BigInt(cell.value),
    kind: cell.kind,
    ...(cell.zone === undefined ? {} : { zone: cell.zone }),
    ...(cell.level === undefined ? {} : { level: cell.level }),
  }));
  return {
    zones,
    cells,
    relations: input.relations,
    ratios: input.ratios,
    thresholds: { ...DEFAULT_THRESHOLDS, ...input.thresholds },
  };
}

/** Reads, validates and protects; returns the JSON to print. */
export function protectJson(text: string): unknown {
  const parsed = inputSchema.safeParse(parseJson(text), { error: z.locales.fr().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? `le champ « ${pathLabel(issue.path)} »` : 'le tableau';
    throw new InputError(
      `${field} est invalide : ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}.`,
    );
  }
  const problem = toProblem(parsed.data);
  const issues = findProblemIssues(problem);
  if (issues.length > 0) throw new InputError(issues.join('\nErreur : '));
  const result = protect(problem);
  const number = (value: bigint | null) => (value === null ? null : Number(value));
  return {
    cells: result.cells.map((cell, i) => ({
      id: cell.id,
      kind: problem.cells[i]!.kind,
      status: cell.status,
      value: number(cell.value),
    })),
    ratios: result.ratios.map((ratio, i) => ({
      ...problem.ratios[i]!,
      status: ratio.status,
      value: ratio.value,
    })),
    summary: {
      ...result.counts,
      ratios: result.ratioCounts,
      // Numbered from 1, as in the error messages ("la relation n° 2").
      inconsistentRelations: result.inconsistentRelations.map((r) => r + 1),
      unprotectable: result.unprotectable,
    },
  };
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of cliIo().stdin ?? process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? 'c’est un dossier' : String(code);
    throw new InputError(`impossible de lire « ${file} » : ${why}.`);
  }
}

export function register(program: Command): void {
  program
    .command('protect')
    .description('Applique le secret statistique à un tableau JSON et affiche le tableau protégé')
    .argument('[fichier]', 'tableau JSON à protéger ; « - » ou rien pour l’entrée standard')
    .addHelpText(
      'after',
      `
Entrée : {"zone": {"allocataires": N}, "cells": [{"id", "value", "kind": "count"|"amount"}],
          "relations": [{"total": ID, "parts": [ID, …]}],
          "ratios": [{"id", "numerator": ID, "denominator": ID, "decimals": 1}],
          "thresholds": {"minZoneAllocataires": 100, "minCount": 5}}
Sortie : les cellules et ratios avec "status" (published, primary, secondary) et "value"
         (null quand la valeur est masquée), et un résumé "summary".`,
    )
    .action(async (file: string | undefined) => {
      try {
        const output = protectJson(await readInput(file));
        cliIo().stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        cliIo().stderr.write(`Erreur : ${error.message}\n`);
        exitWith(EXIT_INVALID_INPUT);
      }
    });
}
