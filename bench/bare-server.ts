/**
 * The yardstick of `bench/http.ts`: a bare Fastify answering one route with fixed bytes (the
 * diagnostic API's body, read from BENCH_BODY_FILE), with nothing else — no database, no session,
 * no hooks. Prints "ready" once listening on PORT.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.BENCH_BODY_FILE ?? '');
const app = Fastify({ logger: false });
app.get('/bare', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
