/**
 * `ctg serve [--demo]`: starts the web platform and its job runner (the calendar job runs at start and
 * daily); with --demo, fills an empty database with demo data.
 */
import type { Command } from 'commander';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { startJobRunner } from '../../db/jobs.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ROLE_LABELS } from '../../domain/access/access.js';
import { systemClock } from '../../domain/shared/dates.js';
import { installedModules } from '../../modules/index.js';
import { systemContext } from '../../use-cases/context.js';
import { seedDemo } from '../../use-cases/demo/seed-demo.js';
import { platformJobDefinitions } from '../../use-cases/jobs/platform-jobs.js';
import { buildApp } from '../../web/app.js';
import { configFromEnv } from '../../web/config.js';
import { fail, print } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Démarre la plateforme web (pages, API, documentation de l’API)')
    .option('--demo', 'crée les données de démonstration si elles n’existent pas encore')
    .action(async (options: { demo?: boolean }) => {
      const started = performance.now();
      const config = configFromEnv();
      const handle: DatabaseHandle = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        // Other processes' writes (a `ctg` command, another instance) empty this one's caches.
        watchChanges: true,
      });
      await migrateToLatest(handle.db);
      if (options.demo) {
        const result = await seedDemo(systemContext(handle.db, systemClock, 'demo'));
        if (result.territoriesImported) print('Référentiel des territoires importé.');
        if (result.createdAccounts.length) {
          print('\nComptes de démonstration (mots de passe affichés une seule fois) :');
          for (const a of result.createdAccounts) {
            print(`  ${ROLE_LABELS[a.role].padEnd(42)} ${a.email.padEnd(32)} ${a.password}`);
          }
          print('');
        }
      }
      // The scheduled jobs run beside the pages, and once now for what fell due while stopped.
      const jobs = await startJobRunner(
        handle.jobConnection,
        platformJobDefinitions(handle.db, systemClock, installedModules().jobs),
      );
      const app = await buildApp({
        db: handle.db,
        clock: systemClock,
        driver: handle.driver,
        trustProxy: config.trustProxy,
        jobs,
        adminContact: config.adminContact,
      });
      const close = async () => {
        await app.close();
        await jobs.stop();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (error) {
        // Nothing is served: the job runner and the database must not keep the process alive.
        await app.close();
        await jobs.stop();
        await handle.close();
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE')
          fail(
            `le port ${config.port} de ${config.host} est déjà utilisé : choisissez-en un autre avec PORT.`,
          );
        if (code === 'EACCES')
          fail(
            `le port ${config.port} demande des droits que ce processus n’a pas : choisissez-en un autre avec PORT.`,
          );
        throw error;
      }
      const where = handle.driver === 'pglite' ? `base embarquée ${config.dataDir}` : 'serveur PostgreSQL';
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      print(
        `Plateforme CTG prête sur http://${config.host}:${config.port}/ (${where}, démarrée en ${seconds} s)`,
      );
    });
}
