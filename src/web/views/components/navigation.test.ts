import { describe, expect, it } from 'vitest';
import { currentHref } from './navigation.js';

const NAV = ['/', '/territoires', '/conventions', '/echeances', '/conventions/modeles', '/admin/journal'];

describe('currentHref', () => {
  it('marks the longest link the path lies under', () => {
    expect(currentHref('/conventions/modeles', NAV)).toBe('/conventions/modeles');
    expect(currentHref('/conventions/39b25c76-a9eb-4fe4-a2e8-5cd28bfde1ee', NAV)).toBe('/conventions');
    expect(currentHref('/conventions', NAV)).toBe('/conventions');
    expect(currentHref('/echeances', NAV)).toBe('/echeances');
    expect(currentHref('/territoires/78124/diagnostic', NAV)).toBe('/territoires');
  });

  it('marks the home page only on itself, and nothing for a page outside the navigation', () => {
    expect(currentHref('/', NAV)).toBe('/');
    expect(currentHref('/compte/jetons', NAV)).toBeUndefined();
  });

  it('does not take a longer word for a section', () => {
    expect(currentHref('/territoiresx', NAV)).toBeUndefined();
    expect(currentHref('/conventions-archive', NAV)).toBeUndefined();
  });
});
