/**
 * The `Content-Disposition` of a file people download: the name they gave it (French letters kept,
 * RFC 5987 `filename*`), with an ASCII fallback for old clients, and nothing that could break the
 * header or name a path (separators, quotes, control characters).
 */

/** The name as it may be saved: no path, no control character, no character a file system refuses. */
export function safeFileName(name: string, extension: string): string {
  const base =
    name
      .normalize('NFC')
      // « n° 2024/112 » is part of a name, not a path: separators become dashes.
      .replace(/[/\\]/g, '-')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|]/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.-]+|[\s.]+$/g, '')
      .slice(0, 120) || 'fichier';
  const ext = `.${extension.toLowerCase()}`;
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
}

/** Plain ASCII form of a name: accents dropped, anything else turned into « - ». */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, '-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-(?=\.)/g, '');
}

/** RFC 5987 percent-encoding of UTF-8 (`attr-char` kept as is). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="deliberation.pdf"; filename*=UTF-8''d%C3%A9lib%C3%A9ration.pdf`. */
export function attachmentDisposition(
  name: string,
  extension: string,
  kind: 'attachment' | 'inline' = 'attachment',
): string {
  const safe = safeFileName(name, extension);
  const ascii = asciiFileName(safe);
  return ascii === safe
    ? `${kind}; filename="${ascii}"`
    : `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
