import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importCycles, importsOf, listSources } from '../support/import-graph.ts';
import { PROJECT_ROOT } from '../support/subprocess.ts';

/**
 * The house rules (README: Development): each part of the code sits on a layer and imports only from its own part
 * or from lower layers; parts that share a layer never import each other (ingest and answer; the three
 * transports). discord.js is spoken only by the Discord transport, the Anthropic SDK only by its answerer.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/core'],
  ['src/text'],
  ['src/store'],
  ['src/articles'],
  ['src/ingest', 'src/answer'],
  ['src/digest'],
  ['commands'],
  ['src/discord', 'src/console', 'src/cli'],
  ['src/app'],
  ['src/main.ts'],
];
const PACKAGE_HOMES: Readonly<Record<string, string>> = {
  'discord.js': 'src/discord',
  '@discordjs/': 'src/discord',
  '@anthropic-ai/sdk': 'src/answer/anthropic',
};

function partOf(file: string): { part: string; layer: number } {
  for (const [layer, parts] of LAYERS.entries()) {
    const part = parts.find((p) => file === p || file.startsWith(`${p}/`));
    if (part) return { part, layer };
  }
  throw new Error(`${file} is in no layer: add its folder to LAYERS and to the README's layout`);
}

const files = listSources(PROJECT_ROOT, ['src', 'commands']);
const edges = files.flatMap((file) => importsOf(PROJECT_ROOT, file));
const describeEdge = (edge: ImportEdge) => `${edge.from} → ${edge.specifier}`;

function againstTheOrder(edge: ImportEdge): boolean {
  // Packages, and data such as package.json, are not layers.
  if (!edge.to || !/\.(ts|mjs)$/.test(edge.to)) return false;
  const from = partOf(edge.from);
  const to = partOf(edge.to);
  if (from.part === to.part) return false;
  return to.layer > from.layer || to.layer === from.layer;
}

function outsideItsHome(edge: ImportEdge): boolean {
  if (edge.to) return false;
  const home = Object.entries(PACKAGE_HOMES).find(([name]) => edge.specifier.startsWith(name))?.[1];
  return home !== undefined && !edge.from.startsWith(`${home}/`);
}

describe('the layout', () => {
  it('finds the code and every file it imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.filter((e) => e.to).length).toBeGreaterThan(files.length);
    const missing = edges.filter((e) => e.to && !existsSync(path.join(PROJECT_ROOT, e.to)));
    expect(missing.map(describeEdge)).toEqual([]);
  });

  it('puts every file on a layer', () => {
    for (const file of files) expect(() => partOf(file)).not.toThrow();
  });

  it('has no import against the order of the layers, and none between parts of one layer', () => {
    expect(edges.filter(againstTheOrder).map(describeEdge)).toEqual([]);
  });

  it('speaks discord.js only in the Discord transport and the Anthropic SDK only in its answerer', () => {
    expect(edges.filter(outsideItsHome).map(describeEdge)).toEqual([]);
  });

  it('has no import circle, type imports included', () => {
    expect(importCycles(edges)).toEqual([]);
  });
});

describe('the rule checks themselves', () => {
  const edge = (from: string, specifier: string): ImportEdge => ({
    from,
    specifier,
    to: specifier.startsWith('.') ? path.posix.join(path.posix.dirname(from), specifier) : undefined,
    typeOnly: false,
  });

  it('flag an arrow up, across one layer, and discord.js outside its transport', () => {
    expect(againstTheOrder(edge('src/digest/compose.ts', '../discord/render.ts'))).toBe(true);
    expect(againstTheOrder(edge('src/console/session.ts', '../cli/answer.ts'))).toBe(true);
    expect(againstTheOrder(edge('src/answer/resolve.ts', '../ingest/web/site.ts'))).toBe(true);
    expect(againstTheOrder(edge('src/discord/render.ts', '../answer/types.ts'))).toBe(false);
    expect(againstTheOrder(edge('src/answer/anthropic/x.ts', '../types.ts'))).toBe(false);
    expect(outsideItsHome(edge('src/digest/layout.ts', 'discord.js'))).toBe(true);
    expect(outsideItsHome(edge('src/discord/render.ts', 'discord.js'))).toBe(false);
  });

  it('find a circle of three files', () => {
    const circle = [edge('src/a/x.ts', './y.ts'), edge('src/a/y.ts', './z.ts'), edge('src/a/z.ts', './x.ts')];
    expect(importCycles(circle)).toEqual([['src/a/x.ts', 'src/a/y.ts', 'src/a/z.ts']]);
    expect(importCycles(circle.slice(0, 2))).toEqual([]);
  });
});
