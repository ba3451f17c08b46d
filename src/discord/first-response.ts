import type { RepliableInteraction } from 'discord.js';

/*
 * A model-backed command holds its deferral briefly (DEFERRAL_HOLD_MS, 50 ms by default) in case the reply itself
 * is ready first: a cached or offline answer then goes out as the first response — one Discord round trip instead
 * of two (the deferral, then its edit), and no "thinking…" flash. A model call sends the deferral at once
 * (`deferNow`), so the hold only delays the acknowledgement of work that is slow without a model; it stays far
 * inside Discord's 3 s, counted from when Discord created the interaction: one that arrives late (a lagging
 * gateway, a process that fell behind) is held only until HOLD_UNTIL_AGE_MS of its age, or not at all.
 */

/** No deferral is held past this age of the interaction: the rest of Discord's 3 s is for the round trip. */
export const HOLD_UNTIL_AGE_MS = 1_500;

/** The first response to a command: the deferral, or the reply itself when it is ready before the deferral went. */
export interface FirstResponse {
  /**
   * Settles once the interaction is acknowledged: the deferral accepted, or the first response claimed (the reply's
   * own call then reports its failure). Rejects when Discord refused the deferral; the router reports that.
   */
  readonly acknowledged: Promise<void>;
  /** The work is slow (a model call): send the deferral now, unless something was already sent or claimed. */
  deferNow(): Promise<void>;
  /** True when nothing was sent: the caller must now send its reply as the interaction's first response. */
  claim(): boolean;
}

/** How long the deferral may still wait: `holdMs`, cut so that it goes out by HOLD_UNTIL_AGE_MS of the age. */
export function holdFor(createdTimestamp: number, holdMs: number, now = Date.now()): number {
  return Math.max(0, Math.min(holdMs, createdTimestamp + HOLD_UNTIL_AGE_MS - now));
}

/** A model-backed command's: the deferral waits up to `holdMs` for the reply, and goes out on `deferNow` or then. */
export function heldDeferral(interaction: RepliableInteraction, configuredHoldMs: number): FirstResponse {
  const holdMs = holdFor(interaction.createdTimestamp, configuredHoldMs);
  let state: 'holding' | 'deferred' | 'claimed' = 'holding';
  let settle: (outcome: Promise<void>) => void = () => {};
  const acknowledged = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const deferNow = () => {
    if (state === 'holding') {
      state = 'deferred';
      clearTimeout(timer);
      settle(interaction.deferReply().then(() => {}));
    }
    return acknowledged;
  };
  // Its rejection is the router's to report (through `acknowledged`); the timer only starts it. No hold means now:
  // a timer of 0 would still let a reply found within the same turn claim the first response.
  const timer = holdMs > 0 ? setTimeout(() => deferNow().catch(() => {}), holdMs) : undefined;
  if (!timer) deferNow().catch(() => {});
  const claim = () => {
    if (state !== 'holding') return false;
    state = 'claimed';
    clearTimeout(timer);
    settle(Promise.resolve());
    return true;
  };
  return { acknowledged, deferNow, claim };
}

/** A command that is not model-backed answers by itself: nothing is held, the first response is its own. */
export function ownResponse(interaction: RepliableInteraction): FirstResponse {
  const acknowledged = Promise.resolve();
  return {
    acknowledged,
    deferNow: () => acknowledged,
    claim: () => !interaction.deferred && !interaction.replied,
  };
}
