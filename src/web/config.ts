/** Configuration read from the environment, once, at the edge of the program. */
import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  trustProxy: boolean;
  /** CTG_ADMIN_CONTACT: the address or number of the platform's administrator, shown to people. */
  adminContact: string | undefined;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT invalide : « ${env.PORT} » (un entier entre 0 et 65535 est attendu).`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.CTG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    trustProxy: env.CTG_TRUST_PROXY === '1' || env.CTG_TRUST_PROXY === 'true',
    adminContact: env.CTG_ADMIN_CONTACT?.trim() || undefined,
  };
}
