/**
 * The box a wide table scrolls in, instead of the page: a named region that keyboard users can
 * focus and scroll with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
import type { ComponentChildren } from 'preact';

export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to be scrolled without a mouse
    <section class="table-wrap" tabIndex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}
