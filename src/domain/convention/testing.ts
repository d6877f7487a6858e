/**
 * Test fixtures of the convention domain: the parties of the seed convention (the Caf des Yvelines
 * and the commune of Carrières-sur-Seine) and helpers that walk a convention to signature. Used by
 * the tests of this folder and of the use cases; not part of the runtime API.
 */

import type { IsoDate } from '../shared/dates.js';
import { createConvention, recordSignature, submitForSignature, updateAnnex } from './lifecycle.js';
import type { Convention, ConventionTerritory, Party } from './model.js';

export const CARRIERES: ConventionTerritory = {
  kind: 'commune',
  codes: ['78124'],
  name: 'Carrières-sur-Seine',
  population: 14_791,
};

export const CAF_YVELINES: Party = {
  id: 'caf-78',
  role: 'caf',
  kind: 'caf',
  name: 'Caisse d’allocations familiales des Yvelines',
  designation: 'la Caf des Yvelines',
  signatories: [
    {
      id: 'caf-78-president',
      civility: 'madame',
      firstName: 'Sophie',
      lastName: 'Barrois',
      function: 'board_chair',
      authority: { kind: 'board_deliberation', date: '2022-01-31' },
    },
    {
      id: 'caf-78-director',
      civility: 'monsieur',
      firstName: 'Didier',
      lastName: 'Grosjean',
      function: 'director',
      authority: { kind: 'office', date: null },
    },
  ],
};

export const COMMUNE_CARRIERES: Party = {
  id: 'commune-78124',
  role: 'local_authority',
  kind: 'commune',
  name: 'Commune de Carrières-sur-Seine',
  designation: 'la commune de Carrières-sur-Seine',
  signatories: [
    {
      id: 'commune-78124-mayor',
      civility: 'monsieur',
      firstName: 'Arnaud',
      lastName: 'de Bourrousse',
      function: 'mayor',
      authority: { kind: 'municipal_council_deliberation', date: '2024-11-25' },
    },
  ],
};

export const DELIBERATION_PDF = {
  fileName: 'deliberation-conseil-municipal-2024-11-25.pdf',
  mediaType: 'application/pdf',
  byteLength: 182_344,
  sha256: 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123',
};

/** A complete draft for 2024–2027, made in 2023, ready to be submitted. */
export function draftCarrieres(id = 'ctg-78124'): Convention {
  const draft = createConvention({
    id,
    today: '2023-06-15',
    territory: CARRIERES,
    parties: [CAF_YVELINES, COMMUNE_CARRIERES],
    placeOfSignature: 'Versailles',
  });
  return updateAnnex(draft, 'deliberation', { attachments: [DELIBERATION_PDF] });
}

/** The same convention signed by its three signatories, the last on `lastSignatureOn`. */
export function signedCarrieres(id = 'ctg-78124', lastSignatureOn: IsoDate = '2024-12-05'): Convention {
  let convention = submitForSignature(draftCarrieres(id), '2024-11-26');
  convention = recordSignature(convention, 'commune-78124-mayor', '2024-12-02');
  convention = recordSignature(convention, 'caf-78-director', '2024-12-03');
  return recordSignature(convention, 'caf-78-president', lastSignatureOn);
}
