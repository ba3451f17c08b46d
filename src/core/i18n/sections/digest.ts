import { defineSection } from '../section.ts';
import { digestDe } from './digest/de.ts';
import { digestEn } from './digest/en.ts';
import { digestEs } from './digest/es.ts';
import { digestFr } from './digest/fr.ts';
import { digestRu } from './digest/ru.ts';

/** The digest's words: `/digest` replies and status, the posted digest, the console's preview (digest/*.ts). */
export const digest = defineSection(digestEn, { de: digestDe, es: digestEs, fr: digestFr, ru: digestRu });
