/** A whole number as en-GB writes it (1,200), by hand: ranking writes thousands of lines a search, and Intl costs about a microsecond a call. */
function grouped(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) < 1000) return String(n);
  const digits = String(Math.abs(n));
  const head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${text}` : text;
}

/**
 * A count and its noun as people write them: "1 bed", "2 beds", "1,200 prices" — never "1 bed(s)".
 * `many` is for nouns that do not just add an s: plural(3, 'child', 'children'). The one plural of the
 * app: screens, reports and the scoring engine's explanations all use it.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}
