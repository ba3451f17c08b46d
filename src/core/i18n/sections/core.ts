import { defineSection } from '../section.ts';
import { coreDe } from './core/de.ts';
import { coreEn } from './core/en.ts';
import { coreEs } from './core/es.ts';
import { coreFr } from './core/fr.ts';
import { coreRu } from './core/ru.ts';

/**
 * The bot's first strings (answers, errors, /usage, command descriptions), one file per language under core/ (a
 * single file would pass the 250-line limit). Every language gives every key (the type of each file says so).
 */
export const core = defineSection(coreEn, { de: coreDe, es: coreEs, fr: coreFr, ru: coreRu });
