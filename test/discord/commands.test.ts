import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ask as askCommand } from '../../commands/ask.ts';
import { summary as summaryCommand } from '../../commands/summary.ts';
import { usage as usageCommand } from '../../commands/usage.ts';
import { DISCORD_COMMANDS as COMMANDS, discordCommand } from '../../src/discord/adapter.ts';
import { commandsBody, commandsHash } from '../../src/discord/deploy.ts';

// The commands as Discord registers and serves them (built from commands/ by the adapter).
const ask = discordCommand(askCommand);
const summary = discordCommand(summaryCommand);
const usage = discordCommand(usageCommand);

const command = (name: string) => {
  const found = COMMANDS.find((c) => c.data.name === name);
  if (!found) throw new Error(`/${name} is not in the command list`);
  return found;
};

describe('the command list', () => {
  it('GIVEN the list THEN /summary and /ask are in it, deferred (model-backed), names unique', () => {
    const byName = new Map(COMMANDS.map((command) => [command.data.name, command]));
    expect(byName.size).toBe(COMMANDS.length);
    expect(byName.get('summary')?.defer).toBe(true);
    expect(byName.get('ask')?.defer).toBe(true);
  });

  it('GIVEN /summary THEN article autocompletes and length offers the three lengths', () => {
    const options = command('summary').data.options ?? [];
    expect(options.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['article', ApplicationCommandOptionType.String, false],
      ['length', ApplicationCommandOptionType.String, false],
      ['language', ApplicationCommandOptionType.String, false],
    ]);
    expect(options[0]).toMatchObject({ autocomplete: true });
    expect(options[1]).toMatchObject({
      choices: [{ value: 'brief' }, { value: 'standard' }, { value: 'detailed' }],
    });
  });

  it('GIVEN /summary, /ask, /usage and /digest THEN each is installed to servers and runs in server channels only', () => {
    for (const name of ['summary', 'ask', 'usage', 'digest']) {
      expect(command(name).data.contexts, name).toEqual([InteractionContextType.Guild]);
    }
    for (const name of ['summary', 'ask']) {
      expect(command(name).data.integration_types, name).toEqual([ApplicationIntegrationType.GuildInstall]);
    }
  });

  it('GIVEN /ask THEN question is required with at most 500 characters and article autocompletes', () => {
    const options = command('ask').data.options ?? [];
    expect(options[0]).toMatchObject({ name: 'question', required: true, max_length: 500 });
    expect(options[1]).toMatchObject({ name: 'article', autocomplete: true });
  });

  it('GIVEN /summary and /ask THEN an optional language option offers common languages within Discord limits', () => {
    for (const command of [summary, ask]) {
      const option = command.data.options?.find((o) => o.name === 'language') as
        | { required?: boolean; choices?: { name: string; value: string }[] }
        | undefined;
      expect(option?.required ?? false).toBe(false);
      const choices = option?.choices ?? [];
      expect(choices.length).toBeGreaterThanOrEqual(10);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices).toContainEqual(expect.objectContaining({ name: 'Deutsch (German)', value: 'de' }));
      expect(choices).toContainEqual(expect.objectContaining({ name: 'English', value: 'en' }));
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThanOrEqual(1);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value).toMatch(/^[a-z]{2,3}$/);
      }
    }
  });

  it('GIVEN /usage THEN only for members who can manage the server, only in servers', () => {
    expect(usage.defer).toBe(false);
    expect(usage.data.default_member_permissions).toBe('32');
    expect(usage.data.contexts).toEqual([0]);
  });

  it('GIVEN German users THEN descriptions are localized and within 100 characters', () => {
    for (const command of COMMANDS) {
      expect(command.data.description_localizations?.de).toBeTruthy();
      for (const text of [
        command.data.description,
        ...Object.values(command.data.description_localizations ?? {}),
      ]) {
        expect(text?.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('GIVEN the same list THEN the same hash; a changed list THEN another hash', () => {
    const body = commandsBody(COMMANDS);
    expect(commandsHash(commandsBody(COMMANDS))).toBe(commandsHash(body));
    expect(commandsHash(body.slice(0, 1))).not.toBe(commandsHash(body));
  });
});
