/**
 * What a child said about where they would like to live, as the referral records it: one kind per
 * wish, in the child's words. Only these recorded wishes are scored (shared/scoring/scores/wishes.ts);
 * nothing is read into the free-text "in their own words", which is shown beside every match as it is.
 */
export const WISH_KINDS = ['people', 'school', 'area', 'faith', 'culture', 'language', 'pets', 'other'] as const;
export type WishKind = (typeof WISH_KINDS)[number];

/** Each kind as the referral form and the match card name it. */
export const WISH_KIND_LABELS: Record<WishKind, string> = {
  people: 'People to live with or near',
  school: 'School',
  area: 'Area',
  faith: 'Faith',
  culture: 'Culture',
  language: 'Language',
  pets: 'Pets',
  other: 'Something else',
};

/** What the form suggests writing for each kind, so the words can be checked against a home. */
export const WISH_KIND_HINTS: Record<WishKind, string> = {
  people: 'Who, and where they live if known: "near my nan in Wigan"',
  school: 'The school they want to keep or go to',
  area: 'The town or area: "Bolton"',
  faith: 'Their faith or place of worship: "Muslim, my mosque"',
  culture: 'Their community or heritage: "Eritrean"',
  language: 'The language: "Tigrinya"',
  pets: 'What they said: "a dog" or "no cats"',
  other: 'Anything else, in their words',
};

export const MAX_WISHES = 12;
export const WISH_TEXT_MAX = 300;

export interface RecordedWish {
  kind: WishKind;
  text: string;
}

/**
 * A pets wish says no to pets when its words do ("no dogs", "scared of cats", "allergic"); any
 * other pets wish is for pets. Both the score and the form's hint read it this way.
 */
export function petsWishIsAgainst(text: string): boolean {
  return /\b(no|not|don'?t|without|never|scared|afraid|frightened|allergic|allergy|hates?)\b/i.test(text);
}
