/**
 * The diagnostic's tab in the workspace of a convention: the territory's published diagnostic (the
 * future annexe 1), with the links to its own page and downloads. Rendered inside the workspace's
 * frame; registered by the diagnostic module (src/modules/diagnostic.module.ts).
 */
import type { DiagnosticJson } from '../../../use-cases/diagnostic/get-diagnostic.js';
import { DiagnosticReport } from './diagnostic-report.js';

export function DiagnosticTab(props: { view: DiagnosticJson | null }) {
  const { view } = props;
  if (!view) {
    return (
      <p>
        Cette convention porte sur plusieurs communes : la plateforme ne tient pas encore de diagnostic commun
        à ce regroupement ; l’annexe 1 du document dit ce qui manque.
      </p>
    );
  }
  const base = `/territoires/${view.territory.code}/diagnostic`;
  return (
    <>
      <link rel="stylesheet" href="/diagnostic/diagnostic.css" />
      <p>
        Ce diagnostic forme l’annexe 1 du document de la convention.{' '}
        <a href={base}>Ouvrir la page du diagnostic de {view.territory.name}</a> (choix de l’année) ·
        télécharger : <a href={`${base}.csv`}>tableau CSV</a>, <a href={`${base}.xlsx`}>classeur XLSX</a>
      </p>
      {view.years.length ? (
        <DiagnosticReport view={view} sectionLevel={3} />
      ) : (
        <p>Aucun chiffre du diagnostic n’a encore été importé pour ce territoire.</p>
      )}
    </>
  );
}
