/** What the store-outage scenarios share: article files dropped during an outage, and counting their ingestion. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { World } from './world.ts';

const FILES_PER_OUTAGE = 5;
const INGESTED_LOG = 'articles folder: ingested new or changed files';

/** Writes a few new article files named `<prefix>_<n>`; returns their ids. */
export async function dropArticles(dir: string, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: FILES_PER_OUTAGE }, (_, n) => `${prefix}_${n}`);
  for (const id of ids) {
    const body = `Council report ${id}\n\nThe council met during the outage and agreed on ${id}. It will vote again.\n`;
    await writeFile(path.join(dir, `${id}.txt`), body);
  }
  return ids;
}

/** How many files the bot's folder watcher reports stored so far. */
export function ingestedFiles(world: World): number {
  return world
    .bot()
    .lines.filter((line) => line.msg === INGESTED_LOG)
    .reduce((sum, line) => sum + Number(line.files ?? 0), 0);
}

const INGESTED_TIMEOUT_MS = 40_000;

/** Once the outages are over: waits (a while) for the watcher to store every dropped file, and reports it. */
export async function waitForDropped(world: World, dropped: readonly string[]) {
  await world.discord
    .waitUntil(() => ingestedFiles(world) >= dropped.length, INGESTED_TIMEOUT_MS)
    .catch(() => {});
  return { filesDropped: dropped.length, filesIngested: ingestedFiles(world) };
}

export const droppedFileProblems = (figures: Record<string, unknown>): string[] =>
  figures.filesIngested === figures.filesDropped
    ? []
    : [`${figures.filesIngested} of ${figures.filesDropped} dropped files ingested`];
