import { z } from 'zod';

/** An environment value that is empty or only spaces counts as not set, so its default applies. */
export const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A whole number within [min, max], `fallback` when not set; `unit` ("milliseconds") joins the message. */
export const intInRange = (fallback: number, min: number, max: number, unit?: string) => {
  const message = `expected a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message })
      .int({ message })
      .min(min, { message })
      .max(max, { message })
      .default(fallback),
  );
};
