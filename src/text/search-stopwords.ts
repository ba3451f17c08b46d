/**
 * Words too common to tell one article from another, after folding. English, plus a handful of the commonest
 * German, French and Spanish function words: a question in plain words ("How many people live in …?") must be
 * ranked by its content words.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how however i if in into is it its itself just me more most my myself no nor not
  now of off on once only or other our ours ourselves out over own same she should so some such than that the
  their theirs them themselves then there these they this those through to too under until up very was we were
  what when where which while who whom why will with would you your yours yourself yourselves many much said says
  say tell told please article news according also s t don didn doesn isn wasn aren weren won ll ve re d m
  der die das und ist nicht ein eine einen dem den des mit von zu im auf fur sich auch es le la les et un une des
  du en est pas pour que qui dans sur au aux el los las y del por con para una es`.split(/\s+/),
);
