import { foldText } from '../../contacts/index.ts';

export interface SearchTerm {
  /** Folded with contacts' foldText ("João" → "joao"); folded-like.ts folds the stored text alike in SQL. */
  folded: string;
  /** The digits of the term when it looks like part of a phone number (4 or more), else null. */
  digits: string | null;
}

const maxTerms = 8;

/**
 * The words of a search, each of which must be found (in a message, or the contact's name, e-mail or
 * phone). A query made only of phone characters ("(11) 98765-4321") is one number, not three words.
 */
export function parseSearchTerms(q: string): SearchTerm[] {
  if (/^[\d\s()+.-]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 4) return [{ folded: digits, digits }];
  }
  const words = foldText(q).split(' ').filter(Boolean).slice(0, maxTerms);
  return words.map((folded) => {
    const digits = folded.replace(/\D/g, '');
    return { folded, digits: digits.length >= 4 ? digits : null };
  });
}

/** The term as a LIKE pattern that finds it anywhere, its wildcards taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** LIKE's wildcards and its escape character taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
