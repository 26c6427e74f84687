const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const ukDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Money is held in whole pence so sums never drift; shown as pounds. */
export function formatPence(pence: number): string {
  return gbp.format(pence / 100);
}

/** ISO YYYY-MM-DD to "5 Mar 2026", as UK readers expect. */
export function formatIsoDate(iso: string): string {
  return ukDate.format(new Date(`${iso}T00:00:00Z`));
}
