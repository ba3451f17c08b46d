import { describe, expect, it } from 'vitest';
import { offlineNoteKey } from '../../src/answer/offline-note.ts';

describe('offlineNoteKey', () => {
  it('GIVEN why the model did not answer THEN names the label that says so, the plain one otherwise', () => {
    expect(offlineNoteKey('over-budget')).toBe('reply.offline.over-budget');
    expect(offlineNoteKey('no-api-key')).toBe('reply.offline.no-api-key');
    expect(offlineNoteKey('rate-limited')).toBe('reply.offline');
    expect(offlineNoteKey(undefined)).toBe('reply.offline');
  });
});
