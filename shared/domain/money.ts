const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** Money is held in whole pence so sums never drift; shown as pounds. */
export function formatPence(pence: number): string {
  return gbp.format(pence / 100);
}

/** A weekly price in the Placements Standard's parts, pence. */
export interface PriceParts {
  core: number;
  support: number;
  education: number;
  other: number;
}

export function priceTotal(p: PriceParts): number {
  return p.core + p.support + p.education + p.other;
}

/**
 * A sibling group's weekly price shared across the `children` it covers: each part in equal whole
 * pence, the odd pence to the first child, so the shares add up to the group's price exactly. Every
 * figure that reads a placement's price (the Placements Standard export, spend, market prices, the
 * benchmark) then reads one child's share, and the group's price is their sum.
 */
export function splitGroupPrice(price: PriceParts, children: number): PriceParts[] {
  if (!Number.isInteger(children) || children < 1) throw new Error(`A price is shared across one child or more, not ${children}`);
  const part = (pence: number, i: number) => Math.floor(pence / children) + (i === 0 ? pence % children : 0);
  return Array.from({ length: children }, (_, i) => ({
    core: part(price.core, i),
    support: part(price.support, i),
    education: part(price.education, i),
    other: part(price.other, i),
  }));
}

/** A price per child for a group of `children`: what the group pays in all. */
export function groupPrice(perChild: PriceParts, children: number): PriceParts {
  return { core: perChild.core * children, support: perChild.support * children, education: perChild.education * children, other: perChild.other * children };
}
