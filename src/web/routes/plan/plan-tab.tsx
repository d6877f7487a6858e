/**
 * The plan's tab in the convention workspace: the plan in its table view, unfiltered. Its views and
 * filters are a GET form to `/conventions/:id/plan/fiches`, the same content with the query read
 * (the tab's render is not handed the request's query).
 */
import type { IsoDate } from '../../../domain/shared/dates.js';
import type { PlanView } from '../../../use-cases/plan/get-plan.js';
import type { PageContext } from '../../views/components/layout.js';
import { PlanContent, planQuery } from './plan-page.js';

export function PlanTab(props: {
  ctx: PageContext;
  view: PlanView;
  today: IsoDate;
  query: Readonly<Record<string, string | string[] | undefined>>;
}) {
  return <PlanContent ctx={props.ctx} view={props.view} today={props.today} query={planQuery(props.query)} />;
}
