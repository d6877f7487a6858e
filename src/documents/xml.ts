/**
 * XML helpers shared by the ODT writer, the DOCX template filler and the HTML renderer: escaping that also
 * drops the control characters XML 1.0 forbids, so a stray character pasted into a form cannot make a file
 * that word processors refuse to open.
 */

// Tab, line feed and carriage return are the only C0 characters XML 1.0 allows; lone surrogates and
// U+FFFE/U+FFFF are forbidden too.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching forbidden control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripForbiddenXmlChars(value: string): string {
  return value.replace(FORBIDDEN, '');
}

/** Escapes text content and attribute values alike (quotes included, so one function serves both). */
export function escapeXml(value: string): string {
  return stripForbiddenXmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Reverses the five predefined entities and numeric references, to read text back out of XML. */
export function unescapeXml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          entity.startsWith('#x')
            ? Number.parseInt(entity.slice(2), 16)
            : Number.parseInt(entity.slice(1), 10),
        );
    }
  });
}

const encoder = new TextEncoder();

export function utf8(value: string): Uint8Array {
  return encoder.encode(value);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
