/**
 * The calendar job of the conventions: stores the status changes the dates have brought about
 * (entry into force, expiry, termination at the end of a notice), each with its audit row, in one
 * transaction per convention. Reads show these statuses already (`statusOn`); this only records them.
 *
 * Idempotent and safe with several instances at once: each convention is re-read and locked
 * (`SELECT … FOR UPDATE`), its change recomputed from what is stored, and written only if still due,
 * guarded by the stored status; a second run, or a second instance, finds nothing left to do.
 */
import { inTransaction } from '../../db/executor.js';
import {
  listCalendarFacts,
  lockConvention,
  saveConvention,
} from '../../db/repositories/convention.repository.js';
import { SYSTEM_ACTOR_LABELS } from '../../domain/access/access.js';
import {
  advance,
  type CalendarFacts,
  calendarFacts,
  calendarTransition,
} from '../../domain/convention/lifecycle.js';
import type { ConventionStatus } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

/** Who the audit rows name as the author of these changes. */
export const CALENDAR_ACTOR_LABEL = SYSTEM_ACTOR_LABELS.schedule;

export interface CalendarChange {
  conventionId: string;
  territoryName: string;
  from: ConventionStatus;
  to: ConventionStatus;
  effectiveOn: IsoDate;
}

export interface CalendarRun {
  today: IsoDate;
  applied: CalendarChange[];
  failed: { conventionId: string; message: string }[];
}

export async function applyCalendarTransitions(ctx: Context): Promise<CalendarRun> {
  // The platform's schedule (or the command line acting as it); no person triggers it directly.
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
  const today = ctx.clock.today();
  const due = (await listCalendarFacts(ctx.db)).filter((c) => calendarTransition(c.calendar, today));
  const run: CalendarRun = { today, applied: [], failed: [] };
  for (const { id } of due) {
    try {
      const change = await inTransaction(ctx.db, async (tx) => {
        const stored = await lockConvention(tx, id);
        if (!stored) return null;
        const before = stored.convention;
        const facts: CalendarFacts = calendarFacts(before);
        const transition = calendarTransition(facts, today);
        // Another instance (or an edit, which stores the status of the day first) got there first.
        if (!transition) return null;
        const after = advance(before, today);
        const version = await saveConvention(tx, after, {
          now: ctx.clock.now(),
          expectedStatus: before.status,
          expectedVersion: stored.version,
        });
        await recordAudit(tx, ctx, {
          action: `convention.${transition.event}`,
          entityType: 'convention',
          entityId: id,
          before: { status: before.status, version: stored.version, convention: before },
          after: { status: after.status, version, effectiveOn: transition.effectiveOn, convention: after },
        });
        return {
          conventionId: id,
          territoryName: before.content.territory.name,
          from: transition.from,
          to: transition.to,
          effectiveOn: transition.effectiveOn,
        };
      });
      if (change) run.applied.push(change);
    } catch (error) {
      // One convention that cannot be moved on does not hold up the others; the job reports it.
      run.failed.push({ conventionId: id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}
