/**
 * Text helpers for explanation lines. Ranking writes thousands of lines per search, so money is
 * formatted by hand rather than through Intl (which costs about a microsecond a call); a unit test
 * holds the output equal to shared/domain/money.ts's formatPence.
 */
/** "£1,234" from pence, rounded to the nearest pound as formatPence does. */
export function pounds(pence: number): string {
  const negative = pence < 0;
  let whole = Math.round(Math.abs(pence) / 100);
  let text = '';
  while (whole >= 1000) {
    const group = whole % 1000;
    text = `,${group < 10 ? '00' : group < 100 ? '0' : ''}${group}${text}`;
    whole = Math.floor(whole / 1000);
  }
  return `${negative ? '-' : ''}£${whole}${text}`;
}

export function miles(m: number): string {
  return `${m.toFixed(1)} mile${m === 1 ? '' : 's'}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ISO YYYY-MM-DD to "5 Mar 2026", as formatIsoDate writes it. */
export function ukDate(iso: string): string {
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  return month ? `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)}` : iso;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The app's one plural ("1 bed", "2 beds"), kept beside the other explanation helpers. */
export { plural } from '../domain/words';

export function oneDecimal(x: number): string {
  return x.toFixed(1);
}
