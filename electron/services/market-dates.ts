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

/** Great-circle miles between two points (when no distance was recorded with the placement). */
export function greatCircleMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return Math.round(3958.8 * 2 * Math.asin(Math.sqrt(a)) * 10) / 10;
}

/** The first day of the month n months before the month holding a day. */
export function firstDayMonthsBefore(iso: string, n: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}
