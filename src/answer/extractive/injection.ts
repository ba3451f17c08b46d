/*
 * Article text is data, never an instruction. A sentence that addresses an AI or a chat audience is text planted
 * for a model (see data/samples/006_injection_attempt.txt); the extractive engine never repeats it, so a reply
 * cannot carry its payload (a mass mention, a fake "system notice") into a channel.
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b[^.!?]{0,40}\b(?:instructions?|prompts?|rules|guidelines|messages?)\b/iu,
  /\b(?:ai|a\.i\.|artificial intelligence|language model|llm|chat ?bot|chatgpt|claude|gpt)[\s-]+(?:assistant|reading)\b/iu,
  /\bai assistants?\b/iu,
  /\bsystem (?:prompt|message|notice|instruction)s?\b/iu,
  /\b(?:reveal|print|repeat|show)\b[^.!?]{0,30}\b(?:your|the) (?:prompt|instructions|system)\b/iu,
  /\byou are now\b|\bdeveloper mode\b|\bjailbreak/iu,
  /\b(?:reply|respond|answer|say) only with\b/iu,
  /@(?:everyone|here)\b/iu,
  /<@[!&]?\d+>/u,
];

/** Whether a sentence reads as an instruction aimed at an AI or at a chat audience rather than as reporting. */
export function looksLikeInstruction(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sentence));
}
