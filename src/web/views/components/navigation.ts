/** Which link of the main navigation is the current page's: the longest one the path lies under. */
export function currentHref(path: string, hrefs: readonly string[]): string | undefined {
  const under = (href: string) =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`);
  return hrefs.filter(under).sort((a, b) => b.length - a.length)[0];
}
