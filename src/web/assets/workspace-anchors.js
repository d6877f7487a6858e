// The convention used to be one long page: a link to one of its old anchors (#texte, #versions,
// #article-object …) now opens the tab holding that part. Only on the summary; without
// JavaScript the summary simply opens, with the tabs in view.
(() => {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (!hash || document.getElementById(hash)) return;
  const base = window.location.pathname.replace(/\/$/, '');
  const moved = {
    texte: '/texte',
    annexes: '/texte#annexes',
    documents: '/documents',
    avenants: '/documents#avenants',
    versions: '/documents#versions',
    resiliation: '/resiliation',
    modifier: '/generalites/modifier',
  };
  const target = moved[hash] ?? (/^(article|annex)-[a-z_]+$/.test(hash) ? `/texte#${hash}` : null);
  if (target) window.location.replace(base + target);
})();
