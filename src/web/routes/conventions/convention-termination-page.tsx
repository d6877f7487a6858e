/**
 * The termination of a signed convention: the procedures engaged with their effect dates, and the
 * forms by which a party (only the ones the person acts for) sends a mise en demeure, gives notice,
 * or, for the Caf, terminates for a change made without avenant.
 */
import type { ConventionContent } from '../../../domain/convention/model.js';
import { formatFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { allowedEvents, terminationsView } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { Csrf, PostButton } from './convention-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

export function ConventionTerminationPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  errors?: string[];
  notice?: string;
}) {
  const c = props.view.convention;
  const base = `/conventions/${c.id}`;
  const procedures = terminationsView(c);
  // Only the parties the person acts for are offered as the sender.
  const ownParties = (c.versions.at(-1)?.content ?? c.content).parties.filter((p) =>
    props.view.actsFor.includes(p.id),
  );
  const cafParties = ownParties.filter((p) => p.role === 'caf');
  const canRemedy = (byPartyId: string) => props.view.actsFor.includes(byPartyId);
  const canAct = props.view.canEdit && allowedEvents(c, props.today).includes('send_formal_notice');
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="resiliation"
      {...(props.errors ? { errors: props.errors } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
      {procedures.length ? (
        <TableScroll label="Procédures de résiliation">
          <table>
            <caption>Procédures de résiliation engagées</caption>
            <thead>
              <tr>
                <th scope="col">Procédure</th>
                <th scope="col">Par</th>
                <th scope="col">Engagée le</th>
                <th scope="col">Effet le</th>
                <th scope="col">Motif</th>
                <th scope="col">Suite</th>
              </tr>
            </thead>
            <tbody>
              {procedures.map((t) => (
                <tr>
                  <th scope="row">{t.kindLabel}</th>
                  <td>{t.byPartyName}</td>
                  <td>{formatFrenchDate(t.startedOn)}</td>
                  <td>{formatFrenchDate(t.effectiveOn)}</td>
                  <td>
                    {t.groundLabel ? `${t.groundLabel} : ` : ''}
                    {t.reason}
                  </td>
                  <td>
                    {t.remediedOn ? (
                      `Régularisée le ${formatFrenchDate(t.remediedOn)}`
                    ) : t.kind === 'formal_notice' &&
                      t.effectiveOn > props.today &&
                      canAct &&
                      canRemedy(t.byPartyId) ? (
                      <PostButton
                        ctx={props.ctx}
                        action={`${base}/resiliations/${t.id}/regularisation`}
                        label="Constater la régularisation"
                        kind="light"
                      >
                        <label for={`rem-${t.id}`}>Date de régularisation</label>{' '}
                        <input
                          id={`rem-${t.id}`}
                          name="remediedOn"
                          type="date"
                          required
                          value={props.today}
                        />{' '}
                      </PostButton>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>Aucune procédure de résiliation n’est engagée.</p>
      )}
      {canAct && ownParties.length ? (
        <>
          <details>
            <summary>Mettre en demeure (résiliation un mois après, sauf régularisation)</summary>
            <form method="post" action={`${base}/mise-en-demeure`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <PartySelect id="fn-party" parties={ownParties} />
              <div class="field">
                <label for="fn-date">Date d’envoi de la lettre recommandée</label>
                <input id="fn-date" name="sentOn" type="date" required value={props.today} />
              </div>
              <div class="field">
                <label for="fn-ground">Manquement</label>
                <select id="fn-ground" name="ground">
                  <option value="contract_breach">Aux obligations de la convention</option>
                  {cafParties.length ? (
                    <option value="legal_breach">Aux lois et règlements (Caf seulement)</option>
                  ) : null}
                </select>
              </div>
              <div class="field">
                <label for="fn-reason">Motif</label>
                <textarea id="fn-reason" name="reason" rows={3} required />
              </div>
              <button type="submit" class="button danger">
                Enregistrer la mise en demeure
              </button>
            </form>
          </details>
          <details>
            <summary>Dénoncer la convention (préavis de six mois)</summary>
            <form method="post" action={`${base}/denonciation`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <PartySelect id="nt-party" parties={ownParties} />
              <div class="field">
                <label for="nt-date">Date de notification</label>
                <input id="nt-date" name="sentOn" type="date" required value={props.today} />
              </div>
              <div class="field">
                <label for="nt-reason">Motif</label>
                <textarea id="nt-reason" name="reason" rows={3} required />
              </div>
              <button type="submit" class="button danger">
                Enregistrer la dénonciation
              </button>
            </form>
          </details>
          {cafParties.length ? (
            <details>
              <summary>Résilier pour modification sans avenant (Caf, sans préavis)</summary>
              <form method="post" action={`${base}/resiliation-modification`} class="form narrow">
                <Csrf ctx={props.ctx} />
                <PartySelect id="uc-party" parties={cafParties} />
                <div class="field">
                  <label for="uc-date">Date du constat</label>
                  <input id="uc-date" name="detectedOn" type="date" required value={props.today} />
                </div>
                <button type="submit" class="button danger">
                  Prononcer la résiliation
                </button>
              </form>
            </details>
          ) : null}
        </>
      ) : null}
    </WorkspaceLayout>
  );
}

function PartySelect(props: { id: string; parties: ConventionContent['parties'] }) {
  return (
    <div class="field">
      <label for={props.id}>Partie à l’origine</label>
      <select id={props.id} name="byPartyId">
        {props.parties.map((p) => (
          <option value={p.id}>{p.name}</option>
        ))}
      </select>
    </div>
  );
}
