import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each command is a real process on its own embedded database, as a user runs it.
const dataDir = mkdtempSync(join(tmpdir(), 'ctg-cli-'));
const env = { ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' };
function ctg(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/ctg.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const imported = ctg('import', 'territories', '--departement', '78');
  expect(imported.stderr).toBe('');
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

  it('lists every command in its help', () => {
    const help = ctg('--help').stdout;
    for (const command of ['serve', 'migrate', 'import', 'territory', 'user', 'token'])
      expect(help).toContain(command);
  });

  it('prints a territory found by an accent-free name, with its EPCI and département', () => {
    const r = ctg('territory', 'carrieres');
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('78124'))!;
    expect(line).toContain('Carrières-sur-Seine');
    expect(line).toContain('CA Saint Germain Boucles de Seine');
    expect(line).toContain('Yvelines (78)');
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('exits 1 with a French message when nothing matches', () => {
    const r = ctg('territory', 'zzzqqq');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Erreur : aucun territoire ne correspond à « zzzqqq ».\n');
  });

  it('creates a user and prints a token once', () => {
    const created = ctg(
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
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Mot de passe \(affiché une seule fois\) : \S+/);
    const token = ctg('token', 'create', '--user', 'agent@caf78.test');
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^ctg_[\w-]{40,}$/);
    expect(token.stderr).toMatch(
      /^Jeton créé, valable jusqu’au \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} : conservez-le/,
    );
  });

  it('lists a user’s tokens and revokes one, in French', () => {
    const created = ctg(
      'token',
      'create',
      '--user',
      'agent@caf78.test',
      '--label',
      'Export',
      '--expire-dans',
      '30',
    );
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    const list = ctg('token', 'list', '--user', 'agent@caf78.test');
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trim().split('\n');
    expect(header).toMatch(
      /^Identifiant\s+Début\s+Libellé\s+Créé le\s+Expire le\s+Dernière utilisation\s+État$/,
    );
    const row = rows.find((r) => r.includes('Export'))!;
    expect(row).toContain(`${secret.slice(0, 12)}…`);
    expect(row).toMatch(/jamais\s+actif$/);
    expect(list.stdout).not.toContain(secret);
    const id = row.split(/\s+/)[0]!;
    const revoked = ctg('token', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe('Jeton « Export » révoqué.\n');
    expect(ctg('token', 'list', '--user', 'agent@caf78.test').stdout).toMatch(/Export.*révoqué/);
    const unknown = ctg('token', 'revoke', 'inconnu');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Aucun de vos jetons d’accès ne correspond à cet identifiant.');
  });

  it('refuses a weak password by the command line, naming the rule', () => {
    const r = ctg('user', 'reset-password', '--email', 'agent@caf78.test', '--password', ' '.repeat(12));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Le mot de passe ne peut pas être fait uniquement d’espaces.');
  });

  it('refuses an unknown role in French', () => {
    const r = ctg(
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
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Rôle inconnu : chef');
  });

  it('anonymises a person by their e-mail', () => {
    const created = ctg(
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
    expect(created.code).toBe(0);
    const r = ctg('user', 'anonymise', '--email', 'Partant@caf78.test');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Compte [0-9a-f-]{36} anonymisé : nom et adresse effacés, sessions et jetons supprimés\.\n$/,
    );
    expect(r.stdout).not.toContain('partant@');
  });
});
