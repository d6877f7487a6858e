/** A standalone HTML file of a diagnostic (`ctg diagnostic --format html`), styles included. */
import { readFileSync } from 'node:fs';
import { render } from 'preact-render-to-string';
import type { DiagnosticJson } from '../../../use-cases/diagnostic/get-diagnostic.js';
import { DiagnosticReport } from './diagnostic-report.js';

const THEME = readFileSync(new URL('../../assets/theme.css', import.meta.url), 'utf8');
export const DIAGNOSTIC_CSS = readFileSync(new URL('./diagnostic.css', import.meta.url), 'utf8');

export function renderDiagnosticDocument(view: DiagnosticJson): string {
  const page = (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>{`Diagnostic partagé — ${view.territory.name}`}</title>
        {/* The project's own style sheets, no user data: inlined so that the file stands alone. */}
        <style dangerouslySetInnerHTML={{ __html: `${THEME}\n${DIAGNOSTIC_CSS}` }} />
      </head>
      <body>
        <main class="container">
          <h1>Diagnostic partagé — {view.territory.name}</h1>
          <DiagnosticReport view={view} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${render(page)}\n`;
}
