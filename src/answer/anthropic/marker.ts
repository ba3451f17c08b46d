/**
 * Removes a marker (e.g. "[NOT_IN_ARTICLE]") from streamed text without ever showing a piece of it: a tail of the
 * text so far that could be the start of the marker is held back until the next delta decides. The output never
 * starts with whitespace (what is left after a leading marker).
 */
export interface MarkerFilter {
  /** Feeds one delta; returns the text that is safe to show now (possibly ''). */
  push(delta: string): string;
  /** Ends the stream; returns whatever was held back. */
  flush(): string;
  /** true once the marker appeared anywhere in the text. */
  readonly seen: boolean;
}

/** Length of the longest suffix of `text` that is a proper prefix of `marker`. */
function heldBackLength(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (marker.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

export function createMarkerFilter(marker: string): MarkerFilter {
  let pending = '';
  let started = false;
  let seen = false;

  const release = (text: string): string => {
    const out = started ? text : text.trimStart();
    if (out !== '') started = true;
    return out;
  };

  return {
    get seen() {
      return seen;
    },
    push(delta) {
      pending += delta;
      if (pending.includes(marker)) {
        seen = true;
        pending = pending.split(marker).join('');
      }
      const hold = heldBackLength(pending, marker);
      const ready = pending.slice(0, pending.length - hold);
      pending = pending.slice(pending.length - hold);
      return release(ready);
    },
    flush() {
      const rest = pending;
      pending = '';
      return release(rest);
    },
  };
}
