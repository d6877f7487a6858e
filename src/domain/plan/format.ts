/** French writing of the plan's exact decimals (indicator values are stored as text with a dot). */
import { groupDigits } from '../shared/money.js';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** "1234.5" → "1 234,5" (narrow no-break space between thousands); other text is returned as is. */
export function formatDecimalText(text: string): string {
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign, whole, frac] = match;
  return `${sign}${groupDigits(whole!)}${frac ? `,${frac}` : ''}`;
}
