import { describe, expect, it } from 'vitest';
import { Foreground } from '../../src/core/foreground.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the foreground count', () => {
  it('GIVEN two members waiting WHEN one is answered (even twice over) THEN background still waits for the other', async () => {
    const foreground = new Foreground(5_000);
    const first = foreground.begin();
    const second = foreground.begin();
    first();
    first();
    let through = false;
    const waiting = foreground.yield().then(() => {
      through = true;
    });
    await sleep(30);
    expect(through).toBe(false);
    second();
    await waiting;
    expect(through).toBe(true);
  });

  it('GIVEN nobody waiting THEN background goes on at once', async () => {
    const foreground = new Foreground(5_000);
    foreground.begin()();
    let through = false;
    void foreground.yield().then(() => {
      through = true;
    });
    await sleep(0);
    expect(through).toBe(true);
  });

  it("GIVEN an autocomplete waiting for its choices THEN a command's work waits for it, but not for other commands", async () => {
    const foreground = new Foreground(5_000);
    const command = foreground.begin();
    const autocomplete = foreground.begin(true);
    let through = false;
    const work = foreground.afterAutocompletes().then(() => {
      through = true;
    });
    await sleep(30);
    expect(through).toBe(false);
    autocomplete();
    await work;
    // The other command still waits for its deferral: background waits for it, a command's work does not.
    expect(foreground.waitingInteractions).toBe(1);
    let commandThrough = false;
    void foreground.afterAutocompletes().then(() => {
      commandThrough = true;
    });
    await sleep(0);
    expect(commandThrough).toBe(true);
    command();
  });

  it("GIVEN autocompletes that keep coming THEN a command's work waits at most the bound", async () => {
    const foreground = new Foreground(40);
    const typing = foreground.begin(true);
    const started = performance.now();
    await foreground.afterAutocompletes();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(performance.now() - started).toBeLessThan(1_000);
    typing();
  });
});
