/**
 * The plan's progress: a sentence saying it (the text equivalent, read by everyone), a bar drawing
 * the share done (solid green) and the share late (hatched red) of the fiches not abandoned, and the
 * count of fiches by status. The bar adds nothing the sentence does not say: it is hidden from
 * assistive technologies.
 */

import { FICHE_STATUS_LABELS } from '../../../domain/plan/labels.js';
import { FICHE_STATUSES } from '../../../domain/plan/model.js';
import { formatPerMille, type PlanProgress } from '../../../domain/plan/rules.js';
import { formatCount } from '../../../domain/shared/money.js';
import { DANGER, Hatch, INK, markupId, OK, plural, px, SOFT } from './chart-parts.js';

const WIDTH = 600;
const HEIGHT = 18;

/** « 3 fiches réalisées sur 8 (37,5 %), 2 en retard, 1 abandonnée (hors décompte). » */
export function progressSentence(progress: PlanProgress): string {
  if (progress.total === 0) return 'Aucune fiche action dans le plan.';
  const { done, late, abandoned } = progress;
  const counted = progress.doneShare.denominator;
  const share = progress.donePerMille === null ? '' : ` (${formatPerMille(progress.donePerMille)})`;
  const parts = [
    `${formatCount(done)} ${plural(done, 'fiche réalisée', 'fiches réalisées')} sur ${formatCount(counted)}${share}`,
    `${formatCount(late)} en retard`,
  ];
  if (abandoned > 0) {
    parts.push(`${formatCount(abandoned)} ${plural(abandoned, 'abandonnée', 'abandonnées')} (hors décompte)`);
  }
  return `${parts.join(', ')}.`;
}

export function PlanProgressBar(props: { progress: PlanProgress; id?: string }) {
  const { progress } = props;
  const id = markupId(props.id ?? 'avancement-plan');
  const counted = progress.doneShare.denominator;
  const done = counted === 0 ? 0 : (progress.done / counted) * WIDTH;
  const late = counted === 0 ? 0 : (Math.min(progress.late, counted - progress.done) / counted) * WIDTH;
  return (
    <div class="plan-progress">
      <p class="plan-progress-text" id={`${id}-texte`}>
        <strong>Avancement du plan d’actions :</strong> {progressSentence(progress)}
      </p>
      {progress.total > 0 ? (
        <>
          <svg
            aria-hidden="true"
            focusable="false"
            class="plan-progress-bar"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width={WIDTH}
            height={HEIGHT}
            preserveAspectRatio="none"
            xmlns="http://www.w3.org/2000/svg"
          >
            <defs>
              <Hatch id={`${id}-retard`} color={DANGER} />
            </defs>
            <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill={SOFT} stroke={INK} stroke-width="1" />
            <rect class="done" x={0} y={0} width={px(done)} height={HEIGHT} fill={OK} />
            {late > 0 ? (
              <rect
                class="late"
                x={px(done)}
                y={0}
                width={px(late)}
                height={HEIGHT}
                fill={`url(#${id}-retard)`}
                stroke={DANGER}
                stroke-width="1"
              />
            ) : null}
          </svg>
          <p class="plan-progress-legend">
            Sur la barre : en vert plein les fiches réalisées, en hachures rouges les fiches en retard.
          </p>
          <ul class="plan-status-counts">
            {FICHE_STATUSES.filter((status) => progress.byStatus[status] > 0).map((status) => (
              <li data-status={status}>
                {FICHE_STATUS_LABELS[status]} : <strong>{formatCount(progress.byStatus[status])}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
