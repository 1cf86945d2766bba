// Icons that go with every main action (for people who read little), drawn inline so that they
// cost no request. Decorative: the text beside them names the action.
const paths: Record<string, string> = {
  home: 'M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10',
  plan: 'M9 4h6v3H9zM6 5h3M15 5h3v16H6V5M9 12l2 2 4-4',
  check: 'M5 12l5 5 9-10',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  courses: 'M4 5h7a3 3 0 013 3v12a3 3 0 00-3-3H4zM20 5h-7M20 5v12h-7',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  help: 'M12 21s-7-6.3-7-11a7 7 0 0114 0c0 4.7-7 11-7 11zM12 12.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5z',
  people: 'M9 11a4 4 0 100-8 4 4 0 000 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 000-6M22 21c0-3-2-5-5-5.5',
  tasks: 'M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2',
  exit: 'M14 4h6v16h-6M10 8l-4 4 4 4M6 12h10',
  logout: 'M10 4H4v16h6M14 8l4 4-4 4M18 12H8',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM17 8a5 5 0 010 8M19.5 5.5a8.5 8.5 0 010 13',
  globe: 'M12 21a9 9 0 100-18 9 9 0 000 18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  key: 'M14 10a4 4 0 11-8 0 4 4 0 018 0zM13 12l8 8M18 17l2-2M16 15l2-2',
  user: 'M12 12a4 4 0 100-8 4 4 0 000 8zM4 21c0-4 3.6-7 8-7s8 3 8 7',
  devices: 'M3 5h14v10H3zM1 19h18M17 9h6v12h-6zM20 18h.01',
  phone: 'M7 2h10v20H7zM11 18h2',
  inbox: 'M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5',
  offline: 'M2 8a15 15 0 0120 0M5 12a10 10 0 0114 0M8.5 15.5a5 5 0 017 0M12 19h.01M3 3l18 18',
};

export const iconNames = Object.keys(paths);

// Icons that point along the reading direction turn around in right-to-left languages.
const directional = new Set(['exit', 'logout']);

export function Icon({ name }: { name: keyof typeof paths | string }) {
  return (
    <svg class={directional.has(name) ? 'icon mirror' : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name] ?? ''} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
        stroke-linejoin="round" />
    </svg>
  );
}
