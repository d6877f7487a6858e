/**
 * The page to return to after login: only a path of the platform. Anything a browser could read
 * as another site (`//evil`, `/\evil`, their percent-encoded forms, an absolute URL, control
 * characters) falls back to `/`.
 */
const ORIGIN = 'http://platform.invalid';

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return '/';
  if (!next.startsWith('/')) return '/';
  // Browsers treat `\` as `/` and drop tabs and newlines inside URLs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f\s]/.test(next)) return '/';
  if (isHostile(next)) return '/';
  // Decoded once or twice, the value must still be a plain path (`/%5Cevil`, `/%2F%2Fevil`, …).
  let decoded = next;
  for (let i = 0; i < 2; i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return '/';
    }
    if (isHostile(decoded)) return '/';
  }
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

function isHostile(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return !path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(path);
}
