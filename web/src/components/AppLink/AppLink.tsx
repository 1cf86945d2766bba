// A link inside the app. For participants navigation replaces the history entry, so that Ponte
// holds one entry at most and the quick exit leaves no way back.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { isStaff, useAppState } from '../../state';

export function AppLink({ href, class: className, children, current }:
  { href: string; class?: string; children: ComponentChildren; current?: boolean }) {
  const { route } = useLocation();
  const { session } = useAppState();
  return (
    <a href={href} class={className} aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        // The router's own click handler (on window) would push a history entry after this.
        event.stopPropagation();
        route(href, !isStaff(session));
      }}>
      {children}
    </a>
  );
}
