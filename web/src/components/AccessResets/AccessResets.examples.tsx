// The notice of new access codes: one given by a named staff member, and one whose giver has since
// left (her name is no longer known).
import type { Example } from '../../core/examples';
import { AccessResets } from './AccessResets';

const day = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 2, 14, 10, 30);

export const examples: Example[] = [
  {
    name: 'one',
    draw: () => <AccessResets resets={[{ at: now - 3 * day, by: 'Giulia Rossi', reason: 'She lost her paper code' }]} />,
  },
  {
    name: 'several',
    draw: () => (
      <AccessResets resets={[
        { at: now - 2 * day, by: '', reason: 'Forgot her passphrase' },
        { at: now - day, by: 'Giulia Rossi', reason: 'نسيت كلمة المرور' },
      ]} />
    ),
  },
];
