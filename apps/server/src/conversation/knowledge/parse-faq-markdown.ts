import { Lexer, type Token, type Tokens } from 'marked';
import type { Language, WorkspaceError } from '../../workspace/index.ts';
import { supportedLanguages } from '../../workspace/workspace.schema.ts';
import { checkFaqEntry } from './check-faq-entry.ts';
import type { FaqEntry, FaqParseResult, FaqReadOptions, LocatedFaqEntry, LocatedFaqParseResult } from './faq-entry.ts';
import { slugifyQuestion } from './slugify-question.ts';

/**
 * `faq/*.md`, for teams that keep their FAQ as a document: `# pt-BR` (optional) sets the language of
 * what follows, each `## Question {#optional-id}` starts an entry, an optional line `Também: a | b`
 * (`Also:`, `También:`) lists paraphrases, and the rest up to the next `##` is the answer, kept as
 * Markdown. The same id under two language headings is one entry in two languages.
 */
export function parseFaqMarkdown(file: string, text: string, options: FaqReadOptions): FaqParseResult {
  const result = parseLocatedFaqMarkdown(file, text, options);
  return result.ok ? { ok: true, entries: result.entries.map((located) => located.entry) } : result;
}

interface Section {
  id: string;
  question: string;
  language: Language;
  line: number;
  paraphrases: string[];
  answer: string[];
}

interface Draft {
  entry: FaqEntry;
  headingLines: Partial<Record<Language, number>>;
}

const languageNames: Readonly<Record<string, Language>> = {
  'pt-br': 'pt-BR',
  pt: 'pt-BR',
  portugues: 'pt-BR',
  'portugues do brasil': 'pt-BR',
  portuguese: 'pt-BR',
  en: 'en',
  english: 'en',
  ingles: 'en',
  es: 'es',
  espanol: 'es',
  spanish: 'es',
  espanhol: 'es',
};

const paraphraseLine = /^(?:\*\*|__)?(?:tamb[eé]m|also|tambi[eé]n)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/i;
const explicitId = /\s*\{#([^}]*)\}\s*$/;

export function parseLocatedFaqMarkdown(file: string, text: string, options: FaqReadOptions): LocatedFaqParseResult {
  const errors: WorkspaceError[] = [];
  const sections: Section[] = [];
  let language = options.defaultLanguage;
  let line = 1;
  let current: Section | null = null;

  for (const token of Lexer.lex(text.replace(/^\uFEFF/, ''))) {
    const tokenLine = line + (token.raw.match(/^\n*/)?.[0].length ?? 0);
    line += token.raw.match(/\n/g)?.length ?? 0;
    if (isHeading(token) && token.depth === 1) {
      const named = languageNames[fold(token.text)];
      if (named) language = named;
      current = null;
      continue;
    }
    if (isHeading(token) && token.depth === 2) {
      const idMatch = explicitId.exec(token.text);
      const question = token.text.replace(explicitId, '').trim();
      const id = idMatch ? (idMatch[1] ?? '').trim() : slugifyQuestion(question);
      if (!question) errors.push({ file, line: tokenLine, column: 1, field: 'question', message: 'the heading has no question' });
      else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || id.length > 64) {
        errors.push({
          file,
          line: tokenLine,
          column: 1,
          field: 'id',
          message: `id ${JSON.stringify(id)} must be a slug: lower-case letters, digits and single hyphens`,
        });
      }
      current = { id, question, language, line: tokenLine, paraphrases: [], answer: [] };
      sections.push(current);
      continue;
    }
    // Text before the first question (a title, an introduction) belongs to no entry.
    if (!current) continue;
    let raw = token.raw;
    if (token.type === 'paragraph' && current.paraphrases.length === 0 && current.answer.join('').trim() === '') {
      const [first = '', ...rest] = raw.split('\n');
      const listed = paraphraseLine.exec(first.trim());
      if (listed) {
        current.paraphrases = (listed[1] ?? '')
          .split('|')
          .map((paraphrase) => paraphrase.replace(/[*_]+$/, '').trim())
          .filter((paraphrase) => paraphrase.length > 0);
        raw = rest.join('\n');
      }
    }
    current.answer.push(raw);
  }

  const drafts = new Map<string, Draft>();
  for (const section of sections) {
    if (errors.some((error) => error.line === section.line)) continue;
    const answer = section.answer.join('').trim();
    if (!answer) {
      errors.push({
        file,
        line: section.line,
        column: 1,
        field: 'answer',
        message: `"${section.question}" has no answer below its heading`,
      });
      continue;
    }
    const draft = drafts.get(section.id) ?? {
      entry: {
        id: section.id,
        question: {},
        paraphrases: {},
        answer: {},
        answerByChannel: {},
        followUps: [],
        source: { file, line: section.line },
      },
      headingLines: {},
    };
    drafts.set(section.id, draft);
    const earlier = draft.headingLines[section.language];
    if (earlier !== undefined) {
      errors.push({
        file,
        line: section.line,
        column: 1,
        field: 'id',
        message: `entry "${section.id}" already has a ${section.language} question (line ${earlier})`,
      });
      continue;
    }
    draft.headingLines[section.language] = section.line;
    draft.entry.question[section.language] = section.question;
    draft.entry.answer[section.language] = answer;
    if (section.paraphrases.length > 0) draft.entry.paraphrases[section.language] = section.paraphrases;
  }

  const entries: LocatedFaqEntry[] = [];
  for (const { entry, headingLines } of drafts.values()) {
    const locate = (path: readonly PropertyKey[]): { line: number; column: number; field: string } => {
      const language = supportedLanguages.find((known) => known === path[1]);
      const line = (language && headingLines[language]) ?? entry.source.line;
      return { line, column: 1, field: typeof path[0] === 'string' ? path[0] : '' };
    };
    for (const issue of checkFaqEntry(entry, options))
      errors.push({ file, ...locate(issue.path), message: `entry "${entry.id}": ${issue.message}` });
    entries.push({ entry, locate });
  }
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, entries };
}

/** marked's `Token` includes a generic member, so `type === 'heading'` alone does not narrow. */
function isHeading(token: Token): token is Tokens.Heading {
  return (
    token.type === 'heading' && 'depth' in token && typeof token.depth === 'number' && 'text' in token && typeof token.text === 'string'
  );
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim();
}
