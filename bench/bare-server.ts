/**
 * The yardstick of `bench/http.ts`: a bare Fastify answering fixed bytes, with nothing else — no
 * database, no session, no hooks: `/bare` the diagnostic API's body (BENCH_BODY_FILE), `/bare-page`
 * the diagnostic page's HTML (BENCH_PAGE_FILE, when given). Prints "ready" once listening on PORT.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.BENCH_BODY_FILE ?? '');
const app = Fastify({ logger: false });
app.get('/bare', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
if (process.env.BENCH_PAGE_FILE) {
  const page = readFileSync(process.env.BENCH_PAGE_FILE);
  app.get('/bare-page', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
