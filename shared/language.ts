/** The languages the page speaks; every text shared/ words for a person has one entry per language. */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
