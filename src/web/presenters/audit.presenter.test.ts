import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit.presenter.js';

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(auditChanges({ status: 'draft', id: 'x' }, { status: 'in_signature', id: 'x' })).toEqual([
      { field: 'status', before: 'draft', after: 'in_signature' },
    ]);
  });
  it('lists every field of a creation and shortens long values', () => {
    const changes = auditChanges(null, { name: 'Caf', long: 'a'.repeat(400) });
    expect(changes.map((c) => c.field)).toEqual(['name', 'long']);
    expect(changes[1]!.after.length).toBe(160);
    expect(changes[0]!.before).toBe('—');
  });
});
