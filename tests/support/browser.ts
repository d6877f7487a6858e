/** Debian's Chromium driven by playwright-core, and an axe-core audit of the current page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical accessibility violations of the page (RGAA AA relies on WCAG 2.1 AA). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: a script tag added to the page would be refused by
  // its Content-Security-Policy (no inline script).
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let axe: string | undefined;
function axeSource(): string {
  axe ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axe;
}

/**
 * Collects every Content-Security-Policy violation of the page from now on (the console's
 * "Refused to …" messages and the `securitypolicyviolation` events), with the address it
 * happened on. The listener is installed through the DevTools protocol, outside the policy.
 */
export async function collectCspViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) found.push(`${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return found;
}
