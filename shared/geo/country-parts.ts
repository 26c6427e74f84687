/** The UK's four parts, as the gazetteer codes them (kept apart from the gazetteer's data, so the contract can name them without bundling it). */
export const COUNTRY_PARTS = { E: 'England', S: 'Scotland', W: 'Wales', N: 'Northern Ireland' } as const;
export type CountryPart = (typeof COUNTRY_PARTS)[keyof typeof COUNTRY_PARTS];
export const COUNTRY_PART_NAMES = Object.values(COUNTRY_PARTS) as [CountryPart, ...CountryPart[]];
