/**
 * Function words in the languages the footer lexicon covers: a notice and the body both say "the", "till",
 * "werden" or "также", and that says nothing about whether the notice is tied to the story. Only the body
 * comparison (footer-contrast.ts) uses this list; it is tuned on the footer sets, so it is the footer's own, not
 * the text toolkit's per-language stop words (src/text/stopwords.ts).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how however i if in into is it its itself just me more most my myself no nor not
  now of off on once only or other our ours ourselves out over own same she should so some such than that the
  their theirs them themselves then there these they this those through to too under until up very was we were
  what when where which while who whom why will with would you your yours yourself yourselves many much said says
  say tell told please article news according also s t don didn doesn isn wasn aren weren won ll ve re d m
  der die das und ist nicht ein eine einen dem den des mit von zu im auf fur sich auch es le la les et un une des
  du en est pas pour que qui dans sur au aux el los las y del por con para una es

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
