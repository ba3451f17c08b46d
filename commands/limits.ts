import { DIGEST_ITEMS_DEFAULT, DIGEST_ITEMS_MAX, DIGEST_ITEMS_MIN } from '../src/digest/types.ts';

/**
 * The limits a user meets when typing a command, each defined once: registrations declare them, the commands'
 * `parse` enforces them, and messages that name them take the number from here.
 */

/** The longest question /ask (and the digest's Ask modal) takes. */
export const QUESTION_MAX_CHARS = 500;
/** Article references are autocomplete values, which Discord caps at 100 characters. */
export const ARTICLE_OPTION_MAX_CHARS = 100;
/** `/digest set time`: `HH:MM`. */
export const DIGEST_TIME_MAX_CHARS = 5;
/** `/digest set timezone`: the longest IANA zone name offered. */
export const TIME_ZONE_MAX_CHARS = 64;
/** How many articles a digest may hold (defined with the digest's model). */
export const DIGEST_ITEMS = {
  min: DIGEST_ITEMS_MIN,
  max: DIGEST_ITEMS_MAX,
  default: DIGEST_ITEMS_DEFAULT,
} as const;
