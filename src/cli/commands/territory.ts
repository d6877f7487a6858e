/** `ctg territory <code|nom>`: prints the matching territories, one line each. */
import type { Command } from 'commander';
import { findTerritory } from '../../db/repositories/territory.repository.js';
import { LEVEL_LABELS } from '../../domain/territory/territory.js';
import { findTerritories } from '../../use-cases/territories/find-territories.js';
import { cliIo, exitWith, print, withDatabase } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('territory')
    .description('Cherche un territoire par code ou par nom (sans accents ni majuscules)')
    .argument('<recherche...>', 'code INSEE, SIREN d’EPCI, code de département ou nom')
    .action(async (words: string[]) => {
      const query = words.join(' ');
      const found = await withDatabase(async (ctx) => {
        const { territories: rows, total } = await findTerritories(ctx, query, { limit: 50 });
        const names = new Map<string, string>();
        const nameOf = async (level: 'epci' | 'departement', code: string | null) => {
          if (!code) return '—';
          const key = `${level}:${code}`;
          if (!names.has(key)) names.set(key, (await findTerritory(ctx.db, level, code))?.name ?? code);
          return names.get(key)!;
        };
        const lines: string[] = [];
        for (const t of rows) {
          const epci = t.level === 'commune' ? await nameOf('epci', t.epciCode) : '—';
          const deps = [];
          for (const d of t.departementCodes) deps.push(`${await nameOf('departement', d)} (${d})`);
          lines.push(
            [
              t.code,
              t.name,
              LEVEL_LABELS[t.level],
              t.population === null ? 'population inconnue' : `${t.population} hab.`,
              `EPCI : ${epci}`,
              `Département : ${deps.join(', ') || '—'}`,
            ].join('\t'),
          );
        }
        if (total > rows.length)
          lines.push(`… ${rows.length} premiers sur ${total} : précisez la recherche.`);
        return lines;
      });
      if (!found.length) {
        cliIo().stderr.write(`Erreur : aucun territoire ne correspond à « ${query} ».\n`);
        exitWith(1);
      }
      print(found.join('\n'));
    });
}
