import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  checkFicheFile,
  FICHE_FILE_EXTENSIONS,
  ficheFileName,
  fileSizeText,
  MAX_FICHE_FILE_BYTES,
} from './fiche-file.js';

const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  return null;
};

describe('a document attached to a fiche', () => {
  it('takes its type from the name and the bytes, never from the sender', () => {
    expect(checkFicheFile({ fileName: 'Compte rendu.PDF', content: pdf })).toEqual({
      fileName: 'Compte rendu.PDF',
      extension: 'pdf',
      mediaType: 'application/pdf',
    });
    const odt = zipSync({ mimetype: new TextEncoder().encode('application/vnd.oasis.opendocument.text') });
    expect(checkFicheFile({ fileName: 'note.odt', content: odt }).mediaType).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(
      checkFicheFile({ fileName: 'liste.csv', content: new TextEncoder().encode('a;b\n1;2\n') }).mediaType,
    ).toBe('text/csv; charset=utf-8');
    expect(FICHE_FILE_EXTENSIONS).not.toContain('html');
  });

  it('refuses, in French, an empty file, an unknown type, bytes that are not the type named, a text with NUL', () => {
    expect(code(() => checkFicheFile({ fileName: 'vide.pdf', content: new Uint8Array() }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Le fichier « vide.pdf » est vide.',
    });
    expect(code(() => checkFicheFile({ fileName: 'page.html', content: pdf }))?.message).toContain(
      'n’est pas accepté',
    );
    expect(code(() => checkFicheFile({ fileName: 'sans-extension', content: pdf }))?.message).toContain(
      'n’est pas accepté',
    );
    expect(
      code(() => checkFicheFile({ fileName: 'faux.pdf', content: new Uint8Array([0x4d, 0x5a, 0, 1]) }))
        ?.message,
    ).toBe('Le contenu du fichier « faux.pdf » n’est pas celui d’un fichier PDF.');
    expect(code(() => checkFicheFile({ fileName: 'faux.docx', content: pdf }))?.message).toContain('DOCX');
    expect(
      code(() => checkFicheFile({ fileName: 'notes.txt', content: new Uint8Array([0x61, 0, 0x62]) }))
        ?.message,
    ).toContain('UTF-8');
    expect(
      code(() => checkFicheFile({ fileName: 'latin.txt', content: new Uint8Array([0xe9, 0x74, 0xe9]) }))
        ?.message,
    ).toContain('UTF-8');
  });

  it('refuses a file over the limit with a 413, and an office file whose package would inflate too much', () => {
    const big = new Uint8Array(MAX_FICHE_FILE_BYTES + 1);
    big.set(pdf);
    expect(code(() => checkFicheFile({ fileName: 'gros.pdf', content: big }))).toEqual({
      code: 'UPLOAD_TOO_LARGE',
      message: 'Le fichier « gros.pdf » dépasse 15\u00a0Mo.',
    });
    // A package whose directory declares more than it may hold, refused before a byte is inflated.
    const zip = zipSync({ 'content.xml': new Uint8Array(10) });
    const view = new DataView(zip.buffer);
    const central = zip.findLastIndex(
      (_b, i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50,
    );
    view.setUint32(central + 24, 200 * 1024 * 1024, true);
    expect(code(() => checkFicheFile({ fileName: 'bombe.docx', content: zip }))?.code).toBe(
      'ARCHIVE_REFUSED',
    );
  });

  it('keeps the name without its path and refuses control characters', () => {
    expect(ficheFileName('C:\\Users\\moi\\Bilan 2025.pdf')).toBe('Bilan 2025.pdf');
    expect(ficheFileName('../../etc/rapport.pdf')).toBe('rapport.pdf');
    expect(code(() => ficheFileName('a\u0000b.pdf'))?.message).toContain('caractère de contrôle');
    expect(code(() => ficheFileName('ligne\nde.pdf'))?.message).toContain('caractère de contrôle');
    expect(code(() => ficheFileName('   '))?.message).toBe('Choisissez un fichier à joindre à la fiche.');
    expect(code(() => ficheFileName(`${'a'.repeat(201)}.pdf`))?.message).toContain('200 caractères');
  });

  it('writes sizes in French units', () => {
    expect(fileSizeText(1)).toBe('1\u00a0octet');
    expect(fileSizeText(820)).toBe('820\u00a0octets');
    expect(fileSizeText(12_800)).toBe('12,5\u00a0ko');
    expect(fileSizeText(3_355_443)).toBe('3,2\u00a0Mo');
  });
});
