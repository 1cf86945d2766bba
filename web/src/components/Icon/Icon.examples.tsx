// Every icon, beside its name (in a screen, beside the words it goes with; the icon itself is
// hidden from screen readers).
import type { Example } from '../../core/examples';
import { Icon, iconNames } from './Icon';

function AllIcons() {
  return (
    <ul class="links">
      {iconNames.map((name) => <li key={name}><Icon name={name} /> <code>{name}</code></li>)}
    </ul>
  );
}

export const examples: Example[] = [{ name: 'all', draw: () => <AllIcons /> }];
