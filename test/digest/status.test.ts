import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../src/digest/status.ts';

describe('why a digest paused, in the reader’s words', () => {
  const missing = (names: string[]) =>
    ({
      kind: 'paused',
      code: 'missing-permissions',
      reason: 'English, for the log',
      missing: names,
    }) as const;

  it('GIVEN the channel check named what is missing THEN each reader sees those permissions as their client names them', () => {
    expect(describeOutcome(missing(['Embed Links']), 'g', 'de')).toContain(
      'Dem Bot fehlt im Kanal des Überblicks: Links einbetten.',
    );
    expect(describeOutcome(missing(['Send Messages', 'Embed Links']), 'g', 'fr')).toContain(
      'Envoyer des messages et Intégrer des liens',
    );
  });

  it('GIVEN a refused post that could not say which permission THEN every permission the bot needs is named', () => {
    const outcome = { kind: 'paused', code: 'missing-permissions', reason: 'English' } as const;
    expect(describeOutcome(outcome, 'g', 'en')).toContain('View Channel, Send Messages and Embed Links');
  });
});
