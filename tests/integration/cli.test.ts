import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { ctgInProcess, ctgProcess } from '../support/cli.js';

// The commands run through `runCli`, what the `ctg` process runs, on their own embedded database,
// each opening and closing it as a process does. Real processes for what only a process shows: the
// Node.js check of bin/ctg.js and the lock held by another process (tests/office/convention-documents.test.ts
// and the server of tests/support/server.ts run successful commands through bin/ctg.js).
const dataDir = mkdtempSync(join(tmpdir(), 'ctg-cli-'));
const env = { ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' };
const ctg = (...args: string[]) => ctgInProcess(env, ...args);

beforeAll(async () => {
  const imported = await ctg('import', 'territories', '--departement', '78');
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  expect(imported.stdout).toContain('259 communes');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ctg', () => {
  it('refuses a Node.js older than 22.13 with a French message, before loading anything', () => {
    // The running Node.js made to report an old version: the check reads process.versions.node.
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); await import('./bin/ctg.js');",
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('La plateforme demande Node.js 22.13 ou plus récent');
    expect(r.stderr).toContain('20.20.2');
    expect(r.stdout).toBe('');
  });

  it('lists every command in its help', async () => {
    const r = await ctg('--help');
    expect(r.status).toBe(0);
    const help = r.stdout;
    for (const command of ['serve', 'migrate', 'import', 'territory', 'user', 'token'])
      expect(help).toContain(command);
  });

  it('prints a territory found by an accent-free name, with its EPCI and département', async () => {
    const r = await ctg('territory', 'carrieres');
    expect(r.status).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('78124'))!;
    expect(line).toContain('Carrières-sur-Seine');
    expect(line).toContain('CA Saint Germain Boucles de Seine');
    expect(line).toContain('Yvelines (78)');
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('exits 1 with a French message when nothing matches', async () => {
    const r = await ctg('territory', 'zzzqqq');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Erreur : aucun territoire ne correspond à « zzzqqq ».\n');
  });

  it('creates a user and prints a token once', async () => {
    const created = await ctg(
      'user',
      'create',
      '--email',
      'agent@caf78.test',
      '--name',
      'Agent',
      '--role',
      'caf_agent',
      '--caf',
      '78',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Mot de passe \(affiché une seule fois\) : \S+/);
    const token = await ctg('token', 'create', '--user', 'agent@caf78.test');
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toMatch(/^ctg_[\w-]{40,}$/);
    expect(token.stderr).toMatch(
      /^Jeton créé, valable jusqu’au \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} : conservez-le/,
    );
  });

  it('lists a user’s tokens and revokes one, in French', async () => {
    const created = await ctg(
      'token',
      'create',
      '--user',
      'agent@caf78.test',
      '--label',
      'Export',
      '--expire-dans',
      '30',
    );
    expect(created.status).toBe(0);
    const secret = created.stdout.trim();
    const list = await ctg('token', 'list', '--user', 'agent@caf78.test');
    expect(list.status).toBe(0);
    const [header, ...rows] = list.stdout.trim().split('\n');
    expect(header).toMatch(
      /^Identifiant\s+Début\s+Libellé\s+Créé le\s+Expire le\s+Dernière utilisation\s+État$/,
    );
    const row = rows.find((r) => r.includes('Export'))!;
    expect(row).toContain(`${secret.slice(0, 12)}…`);
    expect(row).toMatch(/jamais\s+actif$/);
    expect(list.stdout).not.toContain(secret);
    const id = row.split(/\s+/)[0]!;
    const revoked = await ctg('token', 'revoke', id);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toBe('Jeton « Export » révoqué.\n');
    expect((await ctg('token', 'list', '--user', 'agent@caf78.test')).stdout).toMatch(/Export.*révoqué/);
    const unknown = await ctg('token', 'revoke', 'inconnu');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Aucun de vos jetons d’accès ne correspond à cet identifiant.');
  });

  it('refuses a weak password by the command line, naming the rule', async () => {
    const r = await ctg(
      'user',
      'reset-password',
      '--email',
      'agent@caf78.test',
      '--password',
      ' '.repeat(12),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Le mot de passe ne peut pas être fait uniquement d’espaces.');
  });

  it('refuses an unknown role in French', async () => {
    const r = await ctg(
      'user',
      'create',
      '--email',
      'x@caf78.test',
      '--name',
      'X',
      '--role',
      'chef',
      '--caf',
      '78',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Rôle inconnu : chef');
  });

  it('anonymises a person by their e-mail', async () => {
    const created = await ctg(
      'user',
      'create',
      '--email',
      'partant@caf78.test',
      '--name',
      'Personne Partante',
      '--role',
      'caf_agent',
      '--caf',
      '78',
    );
    expect(created.status).toBe(0);
    const r = await ctg('user', 'anonymise', '--email', 'Partant@caf78.test');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Compte [0-9a-f-]{36} anonymisé : nom et adresse effacés, sessions et jetons supprimés\.\n$/,
    );
    expect(r.stdout).not.toContain('partant@');
  });

  it('answers an unknown command in French with status 1', async () => {
    const r = await ctg('inconnue');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Erreur : commande inconnue « inconnue ».');
    expect(r.stdout).toBe('');
  });
});

describe('ctg as a real process', () => {
  it('refuses the embedded database while another process holds it, in French, and exits 1', async () => {
    // This test process opens the data directory, as `ctg serve` would; the command is refused.
    const held = await openDatabase({ dataDir });
    try {
      const r = ctgProcess(env, 'territory', 'carrieres');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `Erreur : La base de données embarquée (${dataDir}) est déjà ouverte par le processus ${process.pid}, ` +
          'sans doute « ctg serve ». Arrêtez-le, ou faites la même opération depuis les pages web, ' +
          'ou utilisez un serveur PostgreSQL (DATABASE_URL).\n',
      );
      expect(r.stdout).toBe('');
    } finally {
      await held.close();
    }
    expect((await ctg('territory', '78124')).status).toBe(0);
  });
});
