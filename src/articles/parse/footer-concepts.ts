/**
 * A lexicon of CONCEPTS, not of sentences: the words a notice about a publication is made of ("this site", "the
 * editors", "translated", "responsibility"), and the words news about events is made of ("said", "on Monday"), in
 * the languages news sites publish in most. A footer notice is recognised by which concepts it combines
 * (footer-notice.ts), so a wording nobody has seen is still recognised when it talks about the same things.
 *
 * Entries are lowercase: `word` matches the whole token, `stem*` any token it begins, `*part*` any token of 8 or
 * more letters containing it (German and Dutch compounds: "Übersetzungssoftware", "Gastbeiträge").
 */
export type Concept =
  // What a notice talks about: the publication, its editors, its texts, their authors.
  | 'publication'
  | 'editorial'
  | 'text'
  | 'author'
  // What a notice says about them.
  | 'opinion'
  | 'endorse'
  | 'automation'
  | 'translation'
  | 'review'
  | 'liability'
  | 'rights'
  | 'advice'
  | 'origin'
  | 'commercial'
  // Structure words.
  | 'label'
  | 'deixis'
  | 'self'
  | 'address'
  // What news about events is made of.
  | 'speech'
  | 'time'
  | 'actor'
  // Page furniture ("Print this article", "Zum Seitenanfang").
  | 'ui';
