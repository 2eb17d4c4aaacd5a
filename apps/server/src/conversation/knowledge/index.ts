// Knowledge base (FAQ): reads faq/*.yaml|csv|md into checked entries, retrieves the entry a message
// asks about (answer, "did you mean A or B?", or nothing) and picks its text per language and channel.
// Pure apart from reading the faq/ folder: it never decides the turn, hands off or talks to storage.
export type { FaqEntry, FaqFollowUp, FaqParseResult, FaqReadOptions } from './faq-entry.ts';
export { readWorkspaceFaq } from './read-workspace-faq.ts';
export { faqFileSchema, parseFaqYaml } from './parse-faq-yaml.ts';
export { parseFaqCsv } from './parse-faq-csv.ts';
export { parseFaqMarkdown } from './parse-faq-markdown.ts';
export {
  createFaqIndex,
  defaultFaqIndexOptions,
  type FaqIndex,
  type FaqIndexOptions,
  type FaqMatch,
  type FaqSearchQuery,
  type FaqSearchResult,
} from './create-faq-index.ts';
export { pickFaqAnswer } from './pick-faq-answer.ts';
export { pickFaqQuestion } from './pick-faq-question.ts';
export { faqTrainingExamples } from './faq-training-examples.ts';
