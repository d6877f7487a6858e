import { describe, expect, it } from 'vitest';
import { asciiFileName, attachmentDisposition, safeFileName } from './download.js';

describe('attachmentDisposition', () => {
  it('keeps a French name in filename* with an ASCII fallback', () => {
    expect(attachmentDisposition('Délibération du 25 novembre 2024.pdf', 'pdf')).toBe(
      `attachment; filename="Deliberation-du-25-novembre-2024.pdf"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%20du%2025%20novembre%202024.pdf`,
    );
    expect(attachmentDisposition('deliberation.pdf', 'pdf')).toBe('attachment; filename="deliberation.pdf"');
  });

  it('lets nothing break the header or name a path', () => {
    const hostile = '../../etc/pa"ss\r\nSet-Cookie: x=1;\u0000.pdf';
    const header = attachmentDisposition(hostile, 'pdf');
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).not.toContain('/');
    expect(header.match(/"/g)).toHaveLength(2);
    expect(safeFileName(hostile, 'pdf')).toBe('etc-pa-ss--Set-Cookie- x=1;-.pdf');
    expect(safeFileName('  ', 'pdf')).toBe('fichier.pdf');
    expect(safeFileName('Délibération n° 2024/112', 'PDF')).toBe('Délibération n° 2024-112.pdf');
    // Every byte of the header is printable ASCII, whatever the name.
    expect(attachmentDisposition('l’avenant n° 1 — ☃.pdf', 'pdf')).toMatch(/^[\x20-\x7e]+$/);
  });

  it('gives an ASCII fallback without accents or spaces', () => {
    expect(asciiFileName('Délibération du conseil.pdf')).toBe('Deliberation-du-conseil.pdf');
    expect(asciiFileName('l’avenant.odt')).toBe('l-avenant.odt');
  });
});
