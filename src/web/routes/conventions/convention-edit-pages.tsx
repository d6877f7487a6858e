/**
 * The edit forms of a draft convention, each on its own page: its generalities (model, period,
 * place of signature) and its parties' signatories. Each posts back and returns to the summary with
 * a confirmation, or shows the form again with the French error, having changed nothing.
 */
import { AUTHORITY_LABELS, VARIANT_LABELS } from '../../../domain/convention/index.js';
import type { IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { PARTY_ROLE_LABELS } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { Csrf, type KeptInput, keptValue, VersionField } from './convention-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

interface EditPageProps {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  errors?: string[];
  /** The input of a refused form, drawn again in it. */
  kept?: KeptInput;
}

export function EditGeneralPage(props: EditPageProps) {
  const c = props.view.convention;
  const kept = (name: string, fallback: string) => keptValue(props.kept, 'general', name, fallback);
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="synthese"
      heading="Modifier les généralités"
      {...(props.errors ? { errors: props.errors } : {})}
    >
      <form method="post" action={`/conventions/${c.id}/general`} class="form">
        <Csrf ctx={props.ctx} />
        <VersionField version={props.view.version} />
        <div class="grid-fields">
          <div class="field">
            <label for="variant">Modèle de convention</label>
            <select id="variant" name="variant">
              {Object.entries(VARIANT_LABELS).map(([value, label]) => (
                <option value={value} selected={kept('variant', c.content.variant) === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="start">Date de début</label>
            <input
              id="start"
              name="start"
              type="date"
              required
              value={kept('start', c.content.period.start)}
            />
          </div>
          <div class="field">
            <label for="end">Date de fin</label>
            <input id="end" name="end" type="date" required value={kept('end', c.content.period.end)} />
          </div>
          <div class="field">
            <label for="place">Lieu de signature</label>
            <input id="place" name="place" type="text" value={kept('place', c.content.placeOfSignature)} />
          </div>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            Enregistrer les généralités
          </button>
          <a href={`/conventions/${c.id}`}>Annuler</a>
        </p>
      </form>
    </WorkspaceLayout>
  );
}

export function EditSignatoriesPage(props: EditPageProps) {
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="synthese"
      heading="Modifier les signataires"
      {...(props.errors ? { errors: props.errors } : {})}
    >
      <SignatoriesForm ctx={props.ctx} view={props.view} kept={props.kept} />
    </WorkspaceLayout>
  );
}

const FUNCTIONS: [string, string][] = [
  ['board_chair', 'Présidence du conseil d’administration'],
  ['director', 'Direction'],
  ['mayor', 'Maire'],
  ['epci_president', 'Présidence de l’intercommunalité'],
  ['departement_president', 'Présidence du conseil départemental'],
  ['prefect', 'Préfet ou préfète'],
  ['msa_president', 'Présidence de la MSA'],
  ['msa_director', 'Direction de la MSA'],
  ['other', 'Autre (préciser)'],
];

function SignatoriesForm(props: { ctx: PageContext; view: ConventionView; kept?: KeptInput | undefined }) {
  const c = props.view.convention;
  const kept = (name: string, fallback: string | undefined) =>
    keptValue(props.kept, 'signataires', name, fallback ?? '');
  return (
    <form method="post" action={`/conventions/${c.id}/signataires`} class="form">
      <Csrf ctx={props.ctx} />
      <VersionField version={props.view.version} />
      {c.content.parties.map((party, p) => {
        const rows = [...party.signatories, null];
        return (
          <fieldset>
            <legend>
              {party.name} ({PARTY_ROLE_LABELS[party.role]})
            </legend>
            <input type="hidden" name={`p${p}_organisationId`} value={party.id} />
            <input type="hidden" name={`p${p}_role`} value={party.role} />
            {rows.map((s, i) => {
              const id = `p${p}_s${i}`;
              return (
                <fieldset>
                  <legend>{s ? `Signataire ${i + 1}` : 'Ajouter un signataire (facultatif)'}</legend>
                  {s ? <input type="hidden" name={`${id}_id`} value={s.id} /> : null}
                  <div class="grid-fields">
                    <div class="field">
                      <label for={`${id}_civility`}>Civilité</label>
                      <select id={`${id}_civility`} name={`${id}_civility`}>
                        <option value="madame" selected={kept(`${id}_civility`, s?.civility) === 'madame'}>
                          Madame
                        </option>
                        <option
                          value="monsieur"
                          selected={kept(`${id}_civility`, s?.civility) === 'monsieur'}
                        >
                          Monsieur
                        </option>
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_firstName`}>Prénom</label>
                      <input
                        id={`${id}_firstName`}
                        name={`${id}_firstName`}
                        type="text"
                        value={kept(`${id}_firstName`, s?.firstName)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_lastName`}>Nom</label>
                      <input
                        id={`${id}_lastName`}
                        name={`${id}_lastName`}
                        type="text"
                        value={kept(`${id}_lastName`, s?.lastName)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_function`}>Fonction</label>
                      <select id={`${id}_function`} name={`${id}_function`}>
                        {FUNCTIONS.map(([value, label]) => (
                          <option value={value} selected={kept(`${id}_function`, s?.function) === value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_functionText`}>Fonction (si « Autre »)</label>
                      <input
                        id={`${id}_functionText`}
                        name={`${id}_functionText`}
                        type="text"
                        value={kept(`${id}_functionText`, s?.functionText)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_authority`}>Habilitation</label>
                      <select id={`${id}_authority`} name={`${id}_authority`}>
                        {Object.entries(AUTHORITY_LABELS).map(([value, label]) => (
                          <option
                            value={value}
                            selected={kept(`${id}_authority`, s?.authority.kind) === value}
                          >
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_authorityDate`}>Date de la délibération</label>
                      <input
                        id={`${id}_authorityDate`}
                        name={`${id}_authorityDate`}
                        type="date"
                        value={kept(`${id}_authorityDate`, s?.authority.date ?? '')}
                      />
                    </div>
                  </div>
                  {s ? (
                    <p>
                      <input
                        type="checkbox"
                        id={`${id}_remove`}
                        name={`${id}_remove`}
                        value="1"
                        checked={kept(`${id}_remove`, '') === '1'}
                      />{' '}
                      <label for={`${id}_remove`}>Retirer ce signataire</label>
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
      <p class="actions">
        <button type="submit" class="button">
          Enregistrer les signataires
        </button>
        <a href={`/conventions/${c.id}#parties`}>Annuler</a>
      </p>
    </form>
  );
}
