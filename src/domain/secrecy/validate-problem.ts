/**
 * Checks that a protection problem is coherent (ids exist, counts are nonnegative, thresholds make
 * sense) before any suppression is computed, and says what is wrong in French.
 */
import { AppError } from '../shared/app-error.js';
import type { ProtectionProblem } from './types.js';

/** Every problem found, each a French sentence fragment ("la relation n° 2 cite …"). */
export function findProblemIssues(problem: ProtectionProblem): string[] {
  const issues: string[] = [];
  const { minZoneAllocataires, minCount } = problem.thresholds;
  if (!Number.isInteger(minZoneAllocataires) || minZoneAllocataires < 0) {
    issues.push(
      `le seuil de zone (minZoneAllocataires = ${minZoneAllocataires}) doit être un entier positif.`,
    );
  }
  if (!Number.isInteger(minCount) || minCount < 1) {
    issues.push(`le seuil des effectifs (minCount = ${minCount}) doit être un entier supérieur ou égal à 1.`);
  }

  const zones = new Set<string>();
  for (const zone of problem.zones) {
    if (zones.has(zone.id)) issues.push(`la zone « ${zone.id} » est déclarée plusieurs fois.`);
    zones.add(zone.id);
    if (zone.allocataires !== null && (!Number.isInteger(zone.allocataires) || zone.allocataires < 0)) {
      issues.push(`la zone « ${zone.id} » a un nombre d’allocataires invalide (${zone.allocataires}).`);
    }
  }

  const cells = new Set<string>();
  for (const cell of problem.cells) {
    if (cells.has(cell.id)) issues.push(`l’identifiant « ${cell.id} » est utilisé par plusieurs cellules.`);
    cells.add(cell.id);
    if (cell.kind === 'count' && cell.value < 0n) {
      issues.push(`la cellule « ${cell.id} » est un effectif négatif (${cell.value}).`);
    }
    if (cell.known && cell.forceSuppress) {
      issues.push(`la cellule « ${cell.id} » ne peut pas être à la fois connue du lecteur et à masquer.`);
    }
    if (cell.known && cell.unknown) {
      issues.push(
        `la cellule « ${cell.id} » ne peut pas être à la fois connue du lecteur et secrète à la source.`,
      );
    }
    if (cell.zone !== undefined && !zones.has(cell.zone)) {
      issues.push(`la cellule « ${cell.id} » cite la zone « ${cell.zone} » qui n’existe pas.`);
    }
    if (cell.zone === undefined && problem.zones.length > 1) {
      issues.push(`la cellule « ${cell.id} » doit préciser sa zone, car le tableau en compte plusieurs.`);
    }
  }

  for (const zone of problem.zones) {
    if (zone.allocatairesCell !== undefined && !cells.has(zone.allocatairesCell)) {
      issues.push(
        `la zone « ${zone.id} » cite comme cellule des allocataires « ${zone.allocatairesCell} », qui n’existe pas.`,
      );
    }
  }
  if (problem.reader !== undefined && problem.reader !== 'kinds' && problem.reader !== 'one_sign') {
    issues.push(`le lecteur « ${String(problem.reader)} » est inconnu : kinds ou one_sign.`);
  }

  problem.relations.forEach((relation, index) => {
    const label = `la relation n° ${index + 1}`;
    const seen = new Set<string>();
    for (const id of [relation.total, ...relation.parts]) {
      if (!cells.has(id)) issues.push(`${label} cite la cellule « ${id} » qui n’existe pas.`);
      else if (seen.has(id)) issues.push(`${label} cite la cellule « ${id} » plusieurs fois.`);
      seen.add(id);
    }
    if (relation.parts.length === 0) issues.push(`${label} n’a aucune partie.`);
  });

  const ratios = new Set<string>();
  for (const ratio of problem.ratios) {
    if (ratios.has(ratio.id)) issues.push(`l’identifiant « ${ratio.id} » est utilisé par plusieurs ratios.`);
    ratios.add(ratio.id);
    if (!cells.has(ratio.numerator)) {
      issues.push(
        `le ratio « ${ratio.id} » a pour numérateur la cellule « ${ratio.numerator} » qui n’existe pas.`,
      );
    }
    if (!cells.has(ratio.denominator)) {
      issues.push(
        `le ratio « ${ratio.id} » a pour dénominateur la cellule « ${ratio.denominator} » qui n’existe pas.`,
      );
    }
    if (!Number.isInteger(ratio.decimals) || ratio.decimals < 0 || ratio.decimals > 6) {
      issues.push(
        `le ratio « ${ratio.id} » a un nombre de décimales invalide (${ratio.decimals}) : de 0 à 6.`,
      );
    }
  }
  return issues;
}

/** Throws SECRECY_TABLE_INVALID naming the first issue (all issues in `details`). */
export function assertValidProblem(problem: ProtectionProblem): void {
  const issues = findProblemIssues(problem);
  if (issues.length === 0) return;
  const first = issues[0]!;
  throw new AppError('SECRECY_TABLE_INVALID', {
    message: first.charAt(0).toUpperCase() + first.slice(1),
    details: { issues },
  });
}
