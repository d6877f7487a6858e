/**
 * The diagnostic, the first module on the seam: its tab in the convention workspace (the territory's
 * published diagnostic) and annexe 1 of the convention document. Its pages, API and import
 * (`/territoires/:code/diagnostic` …) predate the seam and stay registered by the app with the
 * platform's routes; its permissions (`diagnostic.read`, `diagnostic.import`) are the platform's.
 */
import { getDiagnostic } from '../use-cases/diagnostic/get-diagnostic.js';
import { diagnosticTerritoryOf, getDiagnosticAnnex } from '../use-cases/diagnostic/get-diagnostic-annex.js';
import { DiagnosticTab } from '../web/routes/diagnostic/diagnostic-tab.js';
import type { CtgModule } from './module.js';

export const diagnosticModule: CtgModule = {
  id: 'diagnostic',
  label: 'Diagnostic partagé',
  tabs: [
    {
      segment: 'diagnostic',
      label: 'Diagnostic',
      permission: 'diagnostic.read',
      shows: () => true,
      render: async ({ ctx, view }) => {
        const code = diagnosticTerritoryOf(view.convention.content);
        const json = code ? (await getDiagnostic(ctx, code)).json : null;
        return <DiagnosticTab view={json} />;
      },
    },
  ],
  annexes: [
    {
      annex: 'diagnostic',
      source: {
        label: 'Complétée à partir du diagnostic partagé publié pour le territoire',
        href: (id) => `/conventions/${id}/diagnostic`,
      },
      blocks: getDiagnosticAnnex,
    },
  ],
};
