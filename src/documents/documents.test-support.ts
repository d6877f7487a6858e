/**
 * Helpers for the documents tests: reading a produced package back (entry order and compression as
 * written, parts as text) and a small well-formedness check, since Node.js has no XML parser built in.
 */

import { strFromU8, unzipSync } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly extraLength: number;
}

/** Local file headers in archive order, read straight from the bytes. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: ZipEntry[] = [];
  let offset = 0;
  while (offset + 30 <= bytes.length && view.getUint32(offset, true) === 0x04034b50) {
    const method = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = strFromU8(bytes.subarray(offset + 30, offset + 30 + nameLength));
    entries.push({ name, method, extraLength });
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return entries;
}

export function unzipText(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/**
 * Throws when the XML is not well formed: unbalanced or crossed elements, a raw `<` or a bare `&` in
 * text or attributes, several roots.
 */
export function assertWellFormed(xml: string, label = 'XML'): void {
  const stack: string[] = [];
  let roots = 0;
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '');
  const tokens = body.match(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('<!--')) continue;
    if (!token.startsWith('<')) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(token))
        throw new Error(`${label}: bare & in « ${token.slice(0, 80)} »`);
      if (stack.length === 0 && token.trim() !== '') throw new Error(`${label}: text outside the root`);
      continue;
    }
    if (token.includes('<', 1)) throw new Error(`${label}: raw < in « ${token.slice(0, 80)} »`);
    const close = /^<\/([^\s>]+)\s*>$/.exec(token);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) throw new Error(`${label}: </${close[1]}> closes <${open}>`);
      continue;
    }
    const openTag = /^<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>$/.exec(token);
    if (!openTag) throw new Error(`${label}: malformed tag « ${token.slice(0, 120)} »`);
    const attributes = openTag[2] ?? '';
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attributes))
      throw new Error(`${label}: bare & in an attribute`);
    if (stack.length === 0) roots++;
    if (openTag[3] !== '/') stack.push(openTag[1]!);
  }
  if (stack.length > 0) throw new Error(`${label}: <${stack.at(-1)}> is never closed`);
  if (roots !== 1) throw new Error(`${label}: ${roots} root elements`);
}
