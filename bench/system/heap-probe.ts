/**
 * The bot's JavaScript heap after a full garbage collection, read through the inspector (Chrome DevTools
 * Protocol) of a bot started with --inspect on 127.0.0.1. Resident memory saws up and down by tens of MB as V8
 * sizes its heap; the heap that survives a forced GC is what a leak makes grow.
 */
import { once } from 'node:events';
import WebSocket from 'ws';

const CALL_TIMEOUT_MS = 10_000;

export interface HeapProbe {
  /** Forces a full GC in the bot, then returns the heap still in use, in MB. */
  heapAfterGcMb(): Promise<number>;
  close(): void;
}

export const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;

export async function connectHeapProbe(url: string): Promise<HeapProbe> {
  const socket = new WebSocket(url);
  await once(socket, 'open');
  let nextId = 0;
  const pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const call = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} timed out`)), CALL_TIMEOUT_MS);
      pending.set(id, (message) => {
        clearTimeout(timer);
        pending.delete(id);
        if (message.error) reject(new Error(`inspector: ${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result);
      });
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    async heapAfterGcMb() {
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize / 1_048_576;
    },
    close: () => socket.close(),
  };
}
