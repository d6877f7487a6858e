/** Logs a demo or test account in through the login form of an in-process app; returns its cookies. */
import type { App } from '../../src/web/app.js';
import { TEST_PASSWORD } from './fixtures.js';

export async function loginCookies(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/connexion' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookies = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await app.inject({
    method: 'POST',
    url: '/connexion',
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const session = response.cookies.find((c) => c.name === 'ctg_session')!;
  return `${cookies}; ctg_session=${session.value}`;
}
