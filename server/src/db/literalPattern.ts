/** A user's search text as a case-insensitive literal pattern: it never acts as a regular expression. */
export const literalPattern = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
