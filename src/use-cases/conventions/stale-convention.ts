/**
 * The 409 of a save from a stale page: who changed the convention since the page was read, when,
 * and what (the parts of the text, with the text they saved), from the audit rows of the saves made
 * after the page's version.
 */
import type { Executor } from '../../db/executor.js';
import { listConventionChangesSince } from '../../db/repositories/audit.repository.js';
import { changedParts, changeSentence } from '../../domain/convention/changes.js';
import { parseStoredConvention } from '../../domain/convention/schema.js';
import { AppError, ERRORS } from '../../domain/shared/app-error.js';

export interface StaleChange {
  sentence: string;
  label: string;
  by: string;
  at: string;
  /** The text the other person saved (articles, annexes, place, avenant purpose). */
  text?: string;
}

export interface StaleDetails {
  id: string;
  formVersion: number;
  currentVersion: number;
  changes: StaleChange[];
}

const conventionIn = (value: unknown) => {
  const convention = (value as { convention?: unknown } | null)?.convention;
  const parsed = parseStoredConvention(convention);
  return parsed.ok ? parsed.convention : undefined;
};

export async function staleConventionError(
  tx: Executor,
  id: string,
  formVersion: number,
  currentVersion: number,
): Promise<AppError> {
  const rows = await listConventionChangesSince(tx, id, formVersion);
  const changes: StaleChange[] = rows.flatMap((row) => {
    const before = conventionIn(row.before);
    const after = conventionIn(row.after);
    const parts = before && after ? changedParts(before, after) : [];
    const listed = parts.length ? parts : [{ label: 'Convention', participle: 'enregistrée' }];
    return listed.map((part) => ({
      sentence: changeSentence(part, row.actorName, row.at),
      label: part.label,
      by: row.actorName,
      at: row.at.toISOString(),
      ...('text' in part && part.text !== undefined ? { text: part.text } : {}),
    }));
  });
  const summary = changes.length
    ? ` ${changes.map((c) => c.sentence).join(' ; ')}.`
    : ' Rechargez la page pour voir le texte enregistré.';
  const details: StaleDetails = { id, formVersion, currentVersion, changes };
  return new AppError('CONVENTION_STALE', {
    message: `${ERRORS.CONVENTION_STALE.message}${summary}`,
    details,
  });
}
