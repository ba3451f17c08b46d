import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One import in the code: which file, what it names, and (for relative ones) the file it resolves to. */
export interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  /** Project-relative path of the imported file; undefined for a package. */
  readonly to: string | undefined;
  readonly typeOnly: boolean;
}

const SOURCE = /\.(ts|mjs)$/;
/**
 * Static imports and re-exports (`import … from`, `export … from`, `import '…'`) and dynamic `import('…')`. The
 * code is ESM with one statement per import, so a pattern over the text finds them; comments are removed first.
 */
const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm;

export function listSources(root: string, dirs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const relative = path.posix.join(dir, name);
      if (statSync(path.join(root, relative)).isDirectory()) walk(relative);
      else if (SOURCE.test(name)) found.push(relative);
    }
  };
  for (const dir of dirs) walk(dir);
  return found.sort();
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(path.join(root, file), 'utf8').replace(COMMENTS, '$1');
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = specifier.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
      : undefined;
    edges.push({ from: file, specifier, to, typeOnly });
  };
  for (const match of text.matchAll(STATIC)) add(match[3] as string, match[2] !== undefined);
  for (const match of text.matchAll(DYNAMIC)) add(match[1] as string, false);
  return edges;
}

/** The file-level cycles (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!edge.to) continue;
    const targets = next.get(edge.from) ?? new Set<string>();
    targets.add(edge.to);
    next.set(edge.from, targets);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target))
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next.get(node)?.has(node)) cycles.push(component.sort());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
