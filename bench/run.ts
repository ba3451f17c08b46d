/**
 * `npm run bench [-- name…]`: runs the benchmarks one after another (never in parallel: they would measure each
 * other), each in its own process, prints their tables, and writes every figure to bench/results.json.
 * Each benchmark prints its figures as one JSON object on its last line.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BENCHES = [
  'store',
  'million',
  'extractive',
  'cost',
  'feeds',
  'digest',
  'discord',
  'streaming',
  'system',
  'lone',
] as const;
const HERE = import.meta.dirname;
const TSX = path.resolve(HERE, '../node_modules/.bin/tsx');

function runBench(name: string, flags: readonly string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(HERE, `${name}.bench.ts`), ...flags], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench ${name} exited with ${code}`));
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`bench ${name} did not end with a JSON line`));
      }
    });
  });
}

// `npm run bench -- system --soak-minutes 1`: names first, then flags, which every selected bench receives.
const firstFlag = process.argv.slice(2).findIndex((arg) => arg.startsWith('--'));
const requested = firstFlag < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstFlag);
const flags = firstFlag < 0 ? [] : process.argv.slice(2 + firstFlag);
const selected = requested.length > 0 ? BENCHES.filter((name) => requested.includes(name)) : BENCHES;
const results: Record<string, unknown> = {};
for (const name of selected) {
  console.log(`\n## ${name}\n`);
  results[name] = await runBench(name, flags).catch((error: unknown) => ({ error: String(error) }));
}
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  loadavg: os.loadavg(),
  at: new Date().toISOString(),
};
writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log('\nWrote bench/results.json');
