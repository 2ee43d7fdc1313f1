/**
 * Text the app stores: what reaches the database is valid UTF-8 with no NUL, and a cut never splits a character.
 * A JavaScript string can hold lone UTF-16 surrogates (half an emoji, say, after a careless `slice`); written to
 * SQLite they become invalid UTF-8 that later fails every read of the row, and PostgreSQL refuses NUL in text.
 */

/** At most `maxCharacters` characters (code points, never half of one), without NUL, well-formed. */
export function storableText(value: string, maxCharacters: number): string {
  let text = value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  text = text.isWellFormed() ? text : text.toWellFormed();
  if (text.length <= maxCharacters) return text;
  let end = 0;
  for (let count = 0; count < maxCharacters && end < text.length; count++) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return text.slice(0, end);
}

/** Whether `value` is already storable as it is (no NUL, well-formed, not over `maxCharacters`). */
export function isStorableText(value: string, maxCharacters: number): boolean {
  return storableText(value, maxCharacters) === value;
}
