import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { atomicKeys } from '../../src/store/atomic.ts';
import { openKeyv } from '../../src/store/keyv.ts';

const INCREMENTS = 20;

/**
 * Whether `atomicKeys` is atomic across two separately opened Keyvs on one store (two processes' view), on a
 * fresh SQLite file or on `url`: tests that need it run once it is, and are skipped (not failed) on the
 * per-process version.
 */
export async function atomicAcrossKeyvs(url?: string): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-atomic-probe-'));
  const target = url ?? `sqlite://${path.join(dir, 'probe.sqlite')}`;
  const namespace = `probe_${randomBytes(4).toString('hex')}`;
  const keyvs = [await openKeyv(target, { namespace }), await openKeyv(target, { namespace })];
  try {
    const updates = keyvs.flatMap((keyv) => {
      const atomic = atomicKeys(keyv);
      return Array.from({ length: INCREMENTS }, () =>
        atomic.update<number>('n', (current) => ({ value: (current ?? 0) + 1 })),
      );
    });
    await Promise.all(updates);
    return (await keyvs[0]?.get<number>('n')) === INCREMENTS * keyvs.length;
  } finally {
    await Promise.all(keyvs.map((keyv) => keyv.disconnect()));
    await rm(dir, { recursive: true, force: true });
  }
}
