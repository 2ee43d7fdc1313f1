/**
 * The three kinds of SEO work. Kept apart from `tasks.ts`, which builds the answer schemas, so that pages can name
 * the kinds without shipping zod to the browser.
 */
export const SEO_JOB_KINDS = ["audit", "meta", "alt_text"] as const;
export type SeoJobKind = (typeof SEO_JOB_KINDS)[number];
