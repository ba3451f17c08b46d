import type { UserView } from '../../fakes/discord/index.ts';

/**
 * A notice ready before any deferral: the interaction's first response is one private message — nothing public was
 * posted, nothing is "thinking", no follow-up.
 */
export const answeredPrivately = (view: UserView) =>
  view.ackType === 4 && view.ephemeral && view.original !== null && view.followUps.length === 0;

/** A notice after a public deferral: the "thinking…" message is gone and one private follow-up replaced it. */
export const settledPrivately = (view: UserView) =>
  !view.thinking &&
  view.original === null &&
  view.followUps.length === 1 &&
  view.followUps[0]?.ephemeral === true;

/**
 * Told privately, either way: which one depends on whether the notice was ready within DEFERRAL_HOLD_MS, which
 * tests of what a notice says do not pin down (test/discord/router.e2e.test.ts does).
 */
export const toldPrivately = (view: UserView) => answeredPrivately(view) || settledPrivately(view);

/** The private notice, whichever of the two shapes it took. */
export const privateMessage = (view: UserView) =>
  answeredPrivately(view) ? view.original : view.followUps[0];

/** The private notice's text. */
export const privateNotice = (view: UserView): string => privateMessage(view)?.content ?? '';
