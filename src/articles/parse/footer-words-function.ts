/**
 * Function words of four letters or more in the languages the footer lexicon covers, beyond the shared search
 * stopwords (src/text/search-stopwords.ts, mostly English): a notice and the body both say "till", "werden" or
 * "также", and that says nothing about whether the notice is tied to the story. Only the body comparison
 * (footer-contrast.ts) uses this list.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `
  aber auch dass durch eine einem einer eines gegen hier nach oder ohne seit sind über unter wird werden wurde
  wurden noch schon sehr dieser diese dieses jetzt kann können muss soll sollen beim
  deze door maar naar niet voor zijn worden werd wordt heeft hebben over onder ook
  avec dans mais sans sont leur leurs cette ceux elle elles nous vous être avoir plus tout tous toute après avant
  entre aussi
  como pero sobre desde hasta este esta estos estas sido será tiene tienen también todo todos otro otra cuando
  donde
  come anche dalla della delle degli dello nella nelle sono stato stata sulla questo questa però perché tutti
  pelo pela pelos pelas mais isso foram
  till från eller inte även efter över också bara sina sitt skulle ikke etter også skal kunne blev
  jest oraz przez jako także które który która było będzie tylko przed
  что это как для или после также были было будет если чтобы
  için olarak daha kadar gibi ancak sonra
  `
    .split(/\s+/)
    .filter(Boolean),
);
