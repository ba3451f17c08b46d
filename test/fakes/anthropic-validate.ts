type Json = Record<string, unknown>;

/** A 4xx the fake answers with, in the API's error shape. */
export interface RequestProblem {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

/** Models that reject sampling parameters and assistant prefill (claude-haiku-5-5 migration guide). */
export const MODELS_WITHOUT_SAMPLING_PARAMS = ['claude-haiku-5-5'];
const SAMPLING_PARAMS = ['temperature', 'top_p', 'top_k'] as const;
const MAX_CACHE_BREAKPOINTS = 4;

const invalid = (message: string): RequestProblem => ({
  status: 400,
  type: 'invalid_request_error',
  message,
});

function isStrictModel(model: string): boolean {
  return MODELS_WITHOUT_SAMPLING_PARAMS.some((strict) => model === strict || model.startsWith(`${strict}-`));
}

function blocksOf(message: Json): Json[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return Array.isArray(message.content) ? (message.content as Json[]) : [];
}

function checkDocument(block: Json, where: string): RequestProblem | null {
  const source = (block.source ?? {}) as Json;
  if (source.type === 'content') {
    if (!Array.isArray(source.content) || source.content.length === 0) {
      return invalid(`${where}.source.content: must be a non-empty list of content blocks`);
    }
    const empty = (source.content as Json[]).findIndex(
      (entry) => entry.type === 'text' && !String(entry.text ?? '').trim(),
    );
    if (empty >= 0) return invalid(`${where}.source.content.${empty}: text content blocks must be non-empty`);
    return null;
  }
  if (source.type === 'text') {
    return typeof source.data === 'string' && source.media_type === 'text/plain'
      ? null
      : invalid(`${where}.source: a text source needs data and media_type "text/plain"`);
  }
  return invalid(`${where}.source.type: unsupported by the fake (${String(source.type)})`);
}

function checkMessages(body: Json, strict: boolean): RequestProblem | null {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return invalid('messages: at least one message is required');
  const list = messages as Json[];
  if (list[0]?.role !== 'user') return invalid('messages.0.role: the first message must use the "user" role');
  if (strict && list.at(-1)?.role !== 'user') {
    return invalid(
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    );
  }
  for (const [m, message] of list.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant')
      return invalid(`messages.${m}.role: invalid role`);
    for (const [b, block] of blocksOf(message).entries()) {
      const where = `messages.${m}.content.${b}`;
      if (block.type === 'text' && !String(block.text ?? '').trim())
        return invalid(`${where}: text content blocks must be non-empty`);
      if (block.type === 'document') {
        const problem = checkDocument(block, where);
        if (problem) return problem;
      }
    }
  }
  return null;
}

function countBreakpoints(body: Json): number {
  const system = Array.isArray(body.system) ? (body.system as Json[]) : [];
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const blocks = [...system, ...messages.flatMap(blocksOf)];
  return blocks.filter((block) => block.cache_control).length + (body.cache_control ? 1 : 0);
}

/** The checks the real API makes that our client could get wrong; null when the request is acceptable. */
export function validateMessagesRequest(body: unknown): RequestProblem | null {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return invalid('The request body is not valid JSON.');
  const request = body as Json;
  if (typeof request.model !== 'string' || request.model === '') return invalid('model: Field required');
  const maxTokens = request.max_tokens;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return invalid('max_tokens: Field required (a positive integer)');
  }
  const strict = isStrictModel(request.model);
  if (strict) {
    const sampling = SAMPLING_PARAMS.find((param) => request[param] !== undefined);
    if (sampling) return invalid(`\`${sampling}\` is deprecated for this model. Remove it from the request.`);
    const thinking = request.thinking as Json | undefined;
    if (thinking?.type === 'enabled') {
      return invalid(
        '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive".',
      );
    }
  }
  const breakpoints = countBreakpoints(request);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    return invalid(
      `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`,
    );
  }
  return checkMessages(request, strict);
}
