const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** Money is held in whole pence so sums never drift; shown as pounds. */
export function formatPence(pence: number): string {
  return gbp.format(pence / 100);
}

/** Dates are written in one place (calendar.ts); many screens import this one from here. */
export { formatIsoDate } from './calendar';
