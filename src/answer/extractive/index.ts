import type { Article } from '../../articles/article.ts';
import { createWordNetThesaurus, type Thesaurus } from '../../text/wordnet.ts';
import {
  type AnswerEvent,
  type Answerer,
  type AnswerOptions,
  type AnswerResult,
  type Citation,
  NO_USAGE,
  type SummarizeOptions,
} from '../types.ts';
import { type ArticleDocument, buildDocument, type DocSentence } from './document.ts';
import { findFollowUpSentences } from './follow-up.ts';
import { emptyArticleText, refusalText } from './phrases.ts';
import { pickSummarySentences } from './summarize.ts';
import { keyTopics } from './topics.ts';

/** Reported as the model of every extractive result; bump it when scoring changes what an answer says. */
export const EXTRACTIVE_MODEL = 'extractive-v2';

/**
 * The offline answerer: no key, no network, no tokens. Summaries are the article's most central sentences and
 * answers its best-matching sentences, quoted exactly; when nothing matches well enough it says the article does
 * not say, and names what the article covers. Replies are in the article's words (the render layer labels them
 * as offline by `provider === 'extractive'`).
 */
export function createExtractiveAnswerer(options: ExtractiveOptions = {}): Answerer {
  const thesaurus = options.thesaurus === undefined ? createWordNetThesaurus() : options.thesaurus;
  const documents = createDocumentCache();
  return {
    name: 'extractive',
    summarize: (article, summarizeOptions) => summarizeEvents(article, summarizeOptions, documents),
    answer: (article, question, answerOptions) =>
      answerEvents({ article, question, options: answerOptions, documents, thesaurus }),
  };
}

/** Prepared articles kept for repeated questions; keyed by content, so a changed article is prepared anew. */
const MAX_CACHED_DOCUMENTS = 32;

function createDocumentCache(): (article: Article) => ArticleDocument {
  const cache = new Map<string, ArticleDocument>();
  return (article) => {
    const key = [article.language ?? '', article.title, ...article.paragraphs].join('\n');
    const cached = cache.get(key);
    if (cached) {
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const document = buildDocument(article);
    if (cache.size >= MAX_CACHED_DOCUMENTS) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, document);
    return document;
  };
}

export interface ExtractiveOptions {
  /**
   * English synonyms for matching reworded questions; by default WordNet, whose files stay open for the
   * process's life (one answerer per process is the intended use). null matches words only.
   */
  readonly thesaurus?: Thesaurus | null;
}

async function* summarizeEvents(
  article: Article,
  options: SummarizeOptions,
  documents: (article: Article) => ArticleDocument,
): AsyncGenerator<AnswerEvent> {
  options.signal?.throwIfAborted();
  const sentences = pickSummarySentences(documents(article), options.length);
  if (sentences.length === 0) {
    yield* emit({ text: emptyArticleText(options.language), answered: false, sentences: [] });
    return;
  }
  yield* emit({ text: joinSentences(sentences), answered: true, sentences });
}

interface AnswerRequest {
  readonly article: Article;
  readonly question: string;
  readonly options: AnswerOptions;
  readonly documents: (article: Article) => ArticleDocument;
  readonly thesaurus: Thesaurus | null;
}

async function* answerEvents(request: AnswerRequest): AsyncGenerator<AnswerEvent> {
  const { article, question, options, thesaurus } = request;
  options.signal?.throwIfAborted();
  const document = request.documents(article);
  // Without history this is the plain answer: the question as typed.
  const history = options.history ?? [];
  const sentences = findFollowUpSentences({ document, question, history, thesaurus });
  if (sentences.length === 0) {
    yield* emit({
      text: refusalText(question, article.title, keyTopics(document), options.language),
      answered: false,
      sentences: [],
    });
    return;
  }
  yield* emit({ text: joinSentences(sentences), answered: true, sentences });
}

interface Reply {
  readonly text: string;
  readonly answered: boolean;
  readonly sentences: readonly DocSentence[];
}

/** The text sentence by sentence, then one citation per quoted sentence, then `done` with the whole result. */
function* emit(reply: Reply): Generator<AnswerEvent> {
  const citations: Citation[] = reply.sentences.map((sentence) => ({
    quote: sentence.text,
    paragraph: sentence.paragraph,
  }));
  if (reply.sentences.length === 0) yield { type: 'text', text: reply.text };
  for (const [position, sentence] of reply.sentences.entries()) {
    yield { type: 'text', text: position === 0 ? sentence.text : ` ${sentence.text}` };
  }
  for (const citation of citations) yield { type: 'citation', citation };
  const result: AnswerResult = {
    text: reply.text,
    answered: reply.answered,
    citations,
    provider: 'extractive',
    model: EXTRACTIVE_MODEL,
    usage: NO_USAGE,
  };
  yield { type: 'done', result };
}

function joinSentences(sentences: readonly DocSentence[]): string {
  return sentences.map((sentence) => sentence.text).join(' ');
}
