import { ApplicationCommandOptionType as OptionType } from 'discord-api-types/v10';
import type { FormErrors } from './api-error.ts';
import { checkCommandIdentity, checkOptionLocalizations } from './commands.ts';
import { charCount, isRecord } from './message-rules.ts';

type Path = (string | number)[];

/** Discord's limits for autocomplete results, modals and command definitions (application-commands.mdx). */
export const INTERACTION_LIMITS = {
  choices: 25,
  choiceNameChars: 100,
  choiceValueChars: 100,
  modalTitleChars: 45,
  modalComponents: 5,
  customIdChars: 100,
  textInputLabelChars: 45,
  textInputChars: 4000,
  placeholderChars: 100,
  commandNameChars: 32,
  descriptionChars: 100,
  options: 25,
  commands: 100,
} as const;

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function length(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (typeof value !== 'string') {
    if (min > 0) errors.required(path);
    return;
  }
  const chars = charCount(value);
  if (chars >= min && chars <= max) return;
  if (min === 0) errors.maxLength(path, max);
  else errors.badLength(path, min, max);
}

/** Autocomplete choices: at most 25, names 1–100, string values ≤ 100, values of the focused option's type. */
export function checkChoices(choices: unknown, focusedType: number | null, errors: FormErrors): void {
  if (!Array.isArray(choices)) {
    errors.required(['choices']);
    return;
  }
  if (choices.length > INTERACTION_LIMITS.choices) errors.maxLength(['choices'], INTERACTION_LIMITS.choices);
  for (const [i, choice] of choices.entries()) {
    if (!isRecord(choice)) continue;
    length(errors, ['choices', i, 'name'], choice.name, 1, INTERACTION_LIMITS.choiceNameChars);
    checkChoiceValue(choice.value, focusedType, ['choices', i, 'value'], errors);
  }
}

function checkChoiceValue(value: unknown, type: number | null, path: Path, errors: FormErrors): void {
  const wantsString = type === null || type === OptionType.String;
  if (wantsString && typeof value === 'string') {
    length(errors, path, value, 0, INTERACTION_LIMITS.choiceValueChars);
    return;
  }
  const numberOk =
    type === null || type === OptionType.Number ? typeof value === 'number' : Number.isInteger(value);
  if (type !== OptionType.String && numberOk) return;
  const expected = wantsString ? 'string' : type === OptionType.Integer ? 'int' : 'number';
  errors.add(path, 'BASE_TYPE_BAD_TYPE', `Value must be of type ${expected}.`);
}

/** A modal the bot opens (callback type 9). */
export function checkModal(modal: Record<string, unknown>, errors: FormErrors): void {
  length(errors, ['custom_id'], modal.custom_id, 1, INTERACTION_LIMITS.customIdChars);
  length(errors, ['title'], modal.title, 1, INTERACTION_LIMITS.modalTitleChars);
  const components = Array.isArray(modal.components) ? modal.components : [];
  if (components.length < 1 || components.length > INTERACTION_LIMITS.modalComponents) {
    errors.badLength(['components'], 1, INTERACTION_LIMITS.modalComponents);
  }
  for (const [i, item] of components.entries()) {
    if (!isRecord(item)) continue;
    if (isRecord(item.component)) {
      length(errors, ['components', i, 'label'], item.label, 1, INTERACTION_LIMITS.textInputLabelChars);
      checkTextInput(item.component, ['components', i, 'component'], errors);
    }
    const row = Array.isArray(item.components) ? item.components : [];
    for (const [j, input] of row.entries()) {
      if (!isRecord(input)) continue;
      length(
        errors,
        ['components', i, 'components', j, 'label'],
        input.label,
        0,
        INTERACTION_LIMITS.textInputLabelChars,
      );
      checkTextInput(input, ['components', i, 'components', j], errors);
    }
  }
}

function checkTextInput(input: Record<string, unknown>, path: Path, errors: FormErrors): void {
  if (input.type !== 4) return;
  length(errors, [...path, 'custom_id'], input.custom_id, 1, INTERACTION_LIMITS.customIdChars);
  length(errors, [...path, 'value'], input.value, 0, INTERACTION_LIMITS.textInputChars);
  length(errors, [...path, 'placeholder'], input.placeholder, 0, INTERACTION_LIMITS.placeholderChars);
  for (const key of ['min_length', 'max_length'] as const) {
    const value = input[key];
    if (typeof value === 'number' && (value < 0 || value > INTERACTION_LIMITS.textInputChars)) {
      errors.add([...path, key], 'NUMBER_TYPE_MAX', `int value should be less than or equal to 4000.`);
    }
  }
}

/** A bulk-overwrite body (PUT …/commands): names, descriptions, option and choice limits. */
export function checkCommands(commands: unknown, errors: FormErrors): void {
  if (!Array.isArray(commands)) {
    errors.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return;
  }
  if (commands.length > INTERACTION_LIMITS.commands) errors.maxLength([], INTERACTION_LIMITS.commands);
  const names = new Set<string>();
  for (const [i, command] of commands.entries()) {
    if (!isRecord(command)) continue;
    checkCommandIdentity(command, [i], errors); // message commands: name/description/localizations by type
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (names.has(key))
      errors.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    names.add(key);
    checkOptions(command.options, [i, 'options'], errors);
  }
}

function checkName(name: unknown, path: Path, lowercase: boolean, errors: FormErrors): void {
  const ok =
    typeof name === 'string' && COMMAND_NAME.test(name) && (!lowercase || name === name.toLowerCase());
  if (!ok) errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
}

function checkOptions(options: unknown, path: Path, errors: FormErrors): void {
  if (!Array.isArray(options)) return;
  if (options.length > INTERACTION_LIMITS.options) errors.maxLength(path, INTERACTION_LIMITS.options);
  let optionalSeen = false;
  for (const [i, option] of options.entries()) {
    if (!isRecord(option)) continue;
    checkName(option.name, [...path, i, 'name'], true, errors);
    checkOptionLocalizations(option, [...path, i], errors); // message commands: localizations
    length(errors, [...path, i, 'description'], option.description, 1, INTERACTION_LIMITS.descriptionChars);
    if (option.required === true && optionalSeen) {
      errors.add(
        [...path, i, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    optionalSeen ||= option.required !== true && option.type !== 1 && option.type !== 2;
    const choices = Array.isArray(option.choices) ? option.choices : [];
    if (choices.length > 0 && option.autocomplete === true) {
      errors.add(
        [...path, i, 'autocomplete'],
        'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
        'Autocomplete cannot be set with choices',
      );
    }
    if (choices.length > 0) checkChoices(choices, Number(option.type), errors.scoped([...path, i]));
    checkOptions(option.options, [...path, i, 'options'], errors);
  }
}
