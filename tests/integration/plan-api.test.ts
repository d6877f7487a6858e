import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});
describe('x', () => {
  it('docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(JSON.parse(res.body).paths).filter((p) => p.includes('plan'));
    expect(paths).toEqual([]);
  });
});
