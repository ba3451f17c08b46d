/** The longest question /ask and the digest's Ask modal accept, in characters. */
export const QUESTION_MAX_CHARS = 500;
