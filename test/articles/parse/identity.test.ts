import { describe, expect, it } from 'vitest';
import { articleIdFromFileName, contentHash, parseArticleText } from '../../../src/articles/parse/parse.ts';

describe('articleIdFromFileName', () => {
  it.each([
    ['000_5330609adfd73756.txt', '000_5330609adfd73756'],
    ['/some/folder/My Article (v2).TXT', 'my-article-v2'],
    ['--Über Straße!!.md', 'uber-strasse'],
    ['_draft_.txt', 'draft'],
    ['a..b.txt', 'a-b'],
    ['no-extension', 'no-extension'],
  ])('GIVEN %j THEN the id is %j', (name, id) => {
    expect(articleIdFromFileName(name)).toBe(id);
  });

  it('GIVEN a name with no usable letters THEN the id is a stable hash of the name', () => {
    const id = articleIdFromFileName('Новости.txt');
    expect(id).toMatch(/^file-[0-9a-f]{12}$/);
    expect(articleIdFromFileName('/elsewhere/Новости.txt')).toBe(id);
    expect(articleIdFromFileName('Другое.txt')).not.toBe(id);
  });

  it('GIVEN a very long name THEN the id keeps 80 characters and two long names stay apart', () => {
    const long = `${'a'.repeat(100)}-one.txt`;
    const id = articleIdFromFileName(long);
    expect(id).toHaveLength(80);
    expect(id).toMatch(/^[a-z0-9][a-z0-9_-]{0,79}$/);
    expect(articleIdFromFileName(`${'a'.repeat(100)}-two.txt`)).not.toBe(id);
  });
});

describe('contentHash', () => {
  const origin = { fileName: 'story.txt' };
  const text = 'Title\n\nFirst paragraph.\n\nSecond paragraph.\n';

  it('GIVEN the same text parsed twice THEN id and hash are the same', () => {
    const one = parseArticleText(text, origin);
    const two = parseArticleText(text, origin);
    expect(one.ok && two.ok && one.article.hash === two.article.hash).toBe(true);
    expect(one.ok && one.article.hash).toBe(contentHash('Title', ['First paragraph.', 'Second paragraph.']));
  });

  it('GIVEN an edited sentence THEN the id stays and the hash changes', () => {
    const before = parseArticleText(text, origin);
    const after = parseArticleText(text.replace('Second', 'Edited second'), origin);
    if (!before.ok || !after.ok) throw new Error('did not parse');
    expect(after.article.id).toBe(before.article.id);
    expect(after.article.hash).not.toBe(before.article.hash);
    expect(after.article.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('GIVEN paragraphs split differently THEN the hash differs', () => {
    expect(contentHash('T', ['a b'])).not.toBe(contentHash('T', ['a', 'b']));
  });
});
