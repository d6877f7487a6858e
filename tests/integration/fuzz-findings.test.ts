/**
 * What the fuzz test found, kept as focused regressions: each case is one request it sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('a URL the router cannot decode', () => {
  it('is answered in French to an API client', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/api/v1/conventions/%', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/données envoyées/);
  });

  it('is answered with the French error page to a browser', async () => {
    const res = await app.inject({ method: 'POST', url: '/conventions/%E0%A4/denonciation' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('lang="fr"');
    expect(res.body).toContain('Code d’erreur : 400');
  });
});
