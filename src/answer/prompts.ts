import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The system prompts live in prompts/*.md as text with named placeholders (`{{name}}`). Each prompt's placeholders
 * are declared here; a file that uses an undeclared one, or leaves a declared one out, fails at load (naming the file
 * and the placeholder), so a typo never reaches the model as a literal `{{…}}` or a silent gap.
 */
export type PromptName = 'summary' | 'ask';
export const PROMPT_NAMES: readonly PromptName[] = ['summary', 'ask'];

/** An ask reply that starts with this marker means "the article does not say" (stripped before anyone sees it). */
export const NOT_IN_ARTICLE_MARKER = '[NOT_IN_ARTICLE]';

/** Word limits the prompts state; the code sizes max_tokens and Discord replies on the same numbers. */
export const SUMMARY_MAX_WORDS = { brief: 50, standard: 120, detailed: 300 } as const;
export const ASK_MAX_WORDS = 150;

/**
 * Bump when the per-request wording built in code (src/answer/anthropic/request.ts) changes meaning: it is part of
 * every prompt hash, so answers cached under the old wording are not served.
 */
export const REQUEST_FORMAT_VERSION = 1;

type PromptValues = Readonly<Record<string, string>>;

/** The placeholders each prompt must use, with the values the code fills them with. */
export const PROMPT_DEFAULTS: Readonly<Record<PromptName, PromptValues>> = {
  summary: {
    brief_words: String(SUMMARY_MAX_WORDS.brief),
    standard_words: String(SUMMARY_MAX_WORDS.standard),
    detailed_words: String(SUMMARY_MAX_WORDS.detailed),
  },
  ask: { not_in_article_marker: NOT_IN_ARTICLE_MARKER, max_words: String(ASK_MAX_WORDS) },
};

export interface Prompt {
  readonly name: PromptName;
  readonly file: string;
  /** The template as written, placeholders included. */
  readonly template: string;
  readonly placeholders: readonly string[];
  /** 16 hex chars over the template, the filled values and the request format: part of every cache key. */
  readonly hash: string;
  /** The prompt with every placeholder filled (the declared defaults unless overridden). */
  render(values?: PromptValues): string;
}

export type Prompts = Readonly<Record<PromptName, Prompt>>;

export class PromptError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'PromptError';
  }
}

export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]*$/;

/** The placeholder names a template uses, in order of first use; malformed braces are an error. */
export function placeholdersIn(template: string, file: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!PLACEHOLDER_NAME.test(name)) throw new PromptError(file, `malformed placeholder "${match[0]}"`);
    names.add(name);
  }
  const leftover = template.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    throw new PromptError(file, 'unbalanced "{{" or "}}" (placeholders are written {{name}})');
  }
  return [...names];
}

/** Fills every `{{name}}`; a placeholder without a value is an error naming it, never left in the text. */
export function fillTemplate(template: string, values: PromptValues, file: string): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PromptError(file, `placeholder {{${name}}} has no value`);
    if (value.includes('{{')) throw new PromptError(file, `the value for {{${name}}} contains "{{"`);
    return value;
  });
}

function checkPlaceholders(name: PromptName, file: string, used: readonly string[]): void {
  const declared = Object.keys(PROMPT_DEFAULTS[name]);
  const unknown = used.filter((placeholder) => !declared.includes(placeholder));
  if (unknown.length > 0) {
    const list = unknown.map((p) => `{{${p}}}`).join(', ');
    throw new PromptError(file, `unknown placeholder ${list} (this prompt takes ${declared.join(', ')})`);
  }
  const unused = declared.filter((placeholder) => !used.includes(placeholder));
  if (unused.length > 0) {
    const list = unused.map((p) => `{{${p}}}`).join(', ');
    throw new PromptError(file, `placeholder ${list} is declared for this prompt but never used`);
  }
}

function hashPrompt(name: PromptName, template: string): string {
  return createHash('sha256')
    .update(JSON.stringify([REQUEST_FORMAT_VERSION, template, PROMPT_DEFAULTS[name]]))
    .digest('hex')
    .slice(0, 16);
}

/** Builds one prompt from its text; exported for tests of the validation rules. */
export function parsePrompt(name: PromptName, template: string, file: string): Prompt {
  if (template.trim() === '') throw new PromptError(file, 'the prompt is empty');
  const placeholders = placeholdersIn(template, file);
  checkPlaceholders(name, file, placeholders);
  fillTemplate(template, PROMPT_DEFAULTS[name], file);
  return {
    name,
    file,
    template,
    placeholders,
    hash: hashPrompt(name, template),
    render: (values = PROMPT_DEFAULTS[name]) => fillTemplate(template, values, file),
  };
}

/** Reads and validates prompts/{summary,ask}.md once; throws a PromptError naming the file on a problem. */
export async function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Promise<Prompts> {
  const entries = await Promise.all(
    PROMPT_NAMES.map(async (name) => {
      const file = path.join(dir, `${name}.md`);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new PromptError(
          file,
          `cannot read the prompt (${(error as NodeJS.ErrnoException).code ?? error})`,
        );
      }
      return [name, parsePrompt(name, text.replace(/\r\n/g, '\n').trim(), file)] as const;
    }),
  );
  return Object.freeze(Object.fromEntries(entries) as Record<PromptName, Prompt>);
}
