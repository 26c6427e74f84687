/** The UK public-sector financial year holding a day: 1 April to 31 March. */
export function financialYearOf(iso: string): { start: string; end: string } {
  const year = Number(iso.slice(0, 4));
  const startYear = iso.slice(5, 10) >= '04-01' ? year : year - 1;
  return { start: `${startYear}-04-01`, end: `${startYear + 1}-03-31` };
}

/** The first day of each month from one month (YYYY-MM) for n months. */
export function monthStarts(firstMonth: string, n: number): string[] {
  const [y, m] = firstMonth.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const total = y * 12 + (m - 1) + i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
  });
}

/** The first day of the month n months before the month holding a day. */
export function firstDayMonthsBefore(iso: string, n: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}
