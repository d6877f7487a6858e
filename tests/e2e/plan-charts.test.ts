/**
 * The action plan's charts in a real browser, served under the platform's Content-Security-Policy
 * with its stylesheets: axe-core finds no serious or critical violation, the browser reports no
 * policy violation (no style attribute, no inline script), and every SVG parses as XML.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiche, indicator, plan } from '../../src/domain/plan/plan.test-support.js';
import { planProgress } from '../../src/domain/plan/rules.js';
import { contentSecurityPolicy } from '../../src/web/security.js';
import { IndicatorChart } from '../../src/web/views/plan/indicator-chart.js';
import { PlanProgressBar } from '../../src/web/views/plan/plan-progress.js';
import { PlanTimeline } from '../../src/web/views/plan/plan-timeline.js';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';

const ORIGIN = 'http://plan.test';
/** The platform's own policy, as its pages are served with it. */
const CSP = Object.entries(contentSecurityPolicy(false))
  .map(([directive, values]) => [directive, ...values].join(' '))
  .join('; ');
const asset = (name: string) =>
  readFileSync(new URL(`../../src/web/assets/${name}`, import.meta.url), 'utf8');

let browser: Browser;
let page: Page;
let cspViolations: string[];

const TODAY = '2026-12-01';
const demo = plan({
  fiches: [
    fiche('rpe', {
      title: 'Ouvrir un relais petite enfance',
      startDate: '2025-03-01',
      endDate: '2026-06-30',
    }),
    fiche('fete', { position: 2, title: 'Fête des familles', recurring: true, status: 'planned' }),
    fiche('clas', {
      axeId: 'axe-2',
      title: 'CLAS au collège',
      status: 'done',
      startDate: '2025-09-01',
      endDate: '2026-07-05',
    }),
    fiche('evs', { axeId: 'axe-2', position: 2, title: 'Espace de vie sociale', status: 'abandoned' }),
  ],
});
const places = indicator('places', {
  title: 'Places en crèche',
  unit: 'places',
  baselineValue: '40',
  values: [
    { year: 2025, kind: 'target', value: '50', comment: '' },
    { year: 2025, kind: 'result', value: '48', comment: '' },
    { year: 2026, kind: 'target', value: '60', comment: '' },
  ],
});

function pageOf(body: string): string {
  return (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Plan d’actions</title>' +
    '<link rel="stylesheet" href="/assets/theme.css"><link rel="stylesheet" href="/assets/plan.css">' +
    `</head><body><main class="container"><h1>Plan d’actions</h1>${body}</main></body></html>`
  );
}

const body = [
  render(h(PlanProgressBar, { progress: planProgress(demo, TODAY) })),
  render(
    h(PlanTimeline, {
      axes: demo.axes,
      fiches: demo.fiches,
      convention: { start: '2025-01-01', end: '2028-12-31' },
      today: TODAY,
    }),
  ),
  render(h(IndicatorChart, { indicator: places })),
].join('');

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  cspViolations = await collectCspViolations(page);
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/assets/')) {
      return route.fulfill({ contentType: 'text/css', body: asset(path.slice('/assets/'.length)) });
    }
    return route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': CSP },
      body: pageOf(body),
    });
  });
  await page.goto(`${ORIGIN}/plan`);
});
afterAll(async () => {
  await browser?.close();
});

describe('the action plan’s charts in a browser', () => {
  it('show the charts and their tables', async () => {
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    expect(await page.locator('table').count()).toBe(2);
    expect(await page.locator('.plan-progress-text').innerText()).toContain('1 fiche réalisée sur 3');
  });

  it('are free of serious accessibility violations', async () => {
    const violations = await seriousViolations(page);
    expect(
      violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);
  });

  it('break no rule of the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });

  it('are SVG documents that parse as XML', async () => {
    const svgs = body.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // The progress bar, the timeline and its legend's three swatches, the indicator's chart.
    expect(svgs).toHaveLength(6);
    const errors = await page.evaluate(
      (list) =>
        list.map(
          (svg) =>
            new DOMParser().parseFromString(svg, 'image/svg+xml').getElementsByTagName('parsererror').length,
        ),
      svgs,
    );
    expect(errors).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
