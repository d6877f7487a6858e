import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionLabel, auditChanges } from './audit.presenter.js';

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(auditChanges({ status: 'draft', id: 'x' }, { status: 'in_signature', id: 'x' })).toEqual([
      {
        field: 'status',
        label: 'statut',
        before: 'En préparation (draft)',
        after: 'En cours de signature (in_signature)',
      },
    ]);
  });
  it('lists every field of a creation and shortens long values', () => {
    const changes = auditChanges(null, { name: 'Caf', long: 'a'.repeat(400) });
    expect(changes.map((c) => c.field)).toEqual(['name', 'long']);
    expect(changes[1]!.after.length).toBe(160);
    expect(changes[0]!.before).toBe('—');
  });
});

describe('the journal’s labels', () => {
  it('names changed fields in French', () => {
    const changes = auditChanges(null, { status: 'draft', territoryCode: '78124' });
    expect(changes.map((c) => c.label).join(', ')).toBe('statut, territoire');
    expect(actionLabel('convention.renew')).toBe('Convention suivante préparée');
  });

  it('has a French label for every action code the code writes', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const written = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      const text = readFileSync(join(root, file), 'utf8');
      // `action: 'x.y'` of recordAudit, and the action argument of mutateConvention.
      for (const m of text.matchAll(/action:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) written.add(m[1]!);
      for (const m of text.matchAll(/mutateConvention(?:<[^>]*>)?\(\s*\w+,\s*\w+,\s*'([a-z_.]+)'/g))
        written.add(m[1]!);
      // Actions built from a lifecycle event: `convention.${due.event}` and the like.
      if (/`convention\.\$\{\w+\.event\}`/.test(text)) {
        for (const event of ['enter_into_force', 'expire', 'terminate']) written.add(`convention.${event}`);
      }
    }
    expect(written.size).toBeGreaterThan(30);
    expect([...written].filter((code) => !(code in ACTION_LABELS)).sort()).toEqual([]);
  });
});
