import { describe, expect, it } from 'vitest';
import { chooseTerritory, matchReasons, searchPage, territoryQuery, totalWithoutCounting } from './search.js';

const carrieres = {
  level: 'commune' as const,
  code: '78124',
  siren: '217801240',
  postalCodes: ['78420'],
  searchName: 'carrieres sur seine',
};
const mareil = {
  level: 'commune' as const,
  code: '78368',
  siren: '217803683',
  postalCodes: ['78124'],
  searchName: 'mareil sur mauldre',
};
const epci = {
  level: 'epci' as const,
  code: '200058519',
  siren: '200058519',
  postalCodes: [],
  searchName: 'ca saint germain boucles de seine',
};

describe('matchReasons', () => {
  it('tells an Insee code from a postal code', () => {
    const q = territoryQuery('78124');
    expect(matchReasons(carrieres, q)).toEqual([{ kind: 'code' }]);
    expect(matchReasons(mareil, q)).toEqual([{ kind: 'postal_code', postalCode: '78124' }]);
  });

  it('finds a commune by its postal code and by name', () => {
    expect(matchReasons(carrieres, territoryQuery('78420'))).toEqual([
      { kind: 'postal_code', postalCode: '78420' },
    ]);
    expect(matchReasons(carrieres, territoryQuery('Carrières'))).toEqual([{ kind: 'name' }]);
    expect(matchReasons(epci, territoryQuery('SEINE'))).toEqual([{ kind: 'name' }]);
  });

  it('says SIREN for a commune’s SIREN, and only code for an EPCI whose code is its SIREN', () => {
    expect(matchReasons(carrieres, territoryQuery('217801240'))).toEqual([{ kind: 'siren' }]);
    expect(matchReasons(epci, territoryQuery('200058519'))).toEqual([{ kind: 'code' }]);
  });

  it('reads a Corsican code in any case', () => {
    const ajaccio = {
      level: 'commune' as const,
      code: '2A004',
      siren: null,
      postalCodes: ['20000'],
      searchName: 'ajaccio',
    };
    expect(matchReasons(ajaccio, territoryQuery(' 2a004 '))).toEqual([{ kind: 'code' }]);
  });

  it('gives no reason for a territory that does not match', () => {
    expect(matchReasons(mareil, territoryQuery('carrieres'))).toEqual([]);
  });
});

describe('search pages', () => {
  it('reads page n from (n - 1) × size, page 1 for anything else', () => {
    expect(searchPage(1, 50)).toEqual({ offset: 0, limit: 50 });
    expect(searchPage(3, 50)).toEqual({ offset: 100, limit: 50 });
    expect(searchPage(0, 50)).toEqual({ offset: 0, limit: 50 });
    expect(searchPage(Number.NaN, 50)).toEqual({ offset: 0, limit: 50 });
  });

  it('knows the total without counting only when the page was not full', () => {
    expect(totalWithoutCounting({ offset: 0, limit: 50 }, 3)).toBe(3);
    expect(totalWithoutCounting({ offset: 0, limit: 50 }, 0)).toBe(0);
    expect(totalWithoutCounting({ offset: 50, limit: 50 }, 12)).toBe(62);
    expect(totalWithoutCounting({ offset: 0, limit: 50 }, 50)).toBeUndefined();
    // Beyond the last page nothing is read: the total is not known from it.
    expect(totalWithoutCounting({ offset: 500, limit: 50 }, 0)).toBeUndefined();
  });
});

describe('chooseTerritory', () => {
  const chambourcy = {
    level: 'commune' as const,
    code: '78133',
    siren: '217801331',
    postalCodes: ['78240'],
    searchName: 'chambourcy',
  };
  const saintCyrA = {
    level: 'commune' as const,
    code: '78545',
    siren: null,
    postalCodes: ['78210'],
    searchName: 'saint cyr l ecole',
  };
  const boissyA = {
    level: 'commune' as const,
    code: '95078',
    siren: null,
    postalCodes: [],
    searchName: 'boissy l aillerie',
  };
  const homonymA = {
    level: 'commune' as const,
    code: '01001',
    siren: null,
    postalCodes: [],
    searchName: 'villiers',
  };
  const homonymB = {
    level: 'commune' as const,
    code: '36001',
    siren: null,
    postalCodes: [],
    searchName: 'villiers',
  };

  it('takes the commune whose whole name was typed, whatever the accents and capitals', () => {
    expect(chooseTerritory(territoryQuery('CHAMBOURCY'), [chambourcy])).toEqual({
      kind: 'one',
      territory: chambourcy,
    });
    expect(chooseTerritory(territoryQuery('Saint-Cyr-l’École'), [saintCyrA, boissyA])).toEqual({
      kind: 'one',
      territory: saintCyrA,
    });
  });

  it('takes the territory whose code or SIREN was typed, even when others share it as a postal code', () => {
    expect(chooseTerritory(territoryQuery('78124'), [carrieres, mareil])).toEqual({
      kind: 'one',
      territory: carrieres,
    });
    expect(chooseTerritory(territoryQuery('200058519'), [epci])).toEqual({ kind: 'one', territory: epci });
  });

  it('asks to choose among homonyms, and among partial matches even when only one is found', () => {
    expect(chooseTerritory(territoryQuery('Villiers'), [homonymA, homonymB, boissyA])).toEqual({
      kind: 'several',
      candidates: [homonymA, homonymB],
    });
    expect(chooseTerritory(territoryQuery('chambour'), [chambourcy])).toEqual({
      kind: 'several',
      candidates: [chambourcy],
    });
    expect(chooseTerritory(territoryQuery('78240'), [chambourcy])).toEqual({
      kind: 'several',
      candidates: [chambourcy],
    });
  });

  it('says when nothing matches', () => {
    expect(chooseTerritory(territoryQuery('Atlantide'), [])).toEqual({ kind: 'none' });
  });
});
