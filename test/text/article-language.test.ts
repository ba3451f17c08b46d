import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/text/article-language.ts';
import { languageEvidence } from '../../src/text/language-candidates.ts';

/** Opening sentences written for this test (not from any evaluation set), as an article's first paragraph. */
const OPENINGS: readonly [string, string][] = [
  [
    'en',
    'The night ferry to the islands was cancelled again on Friday after a storm damaged the pier at the harbour.',
  ],
  [
    'de',
    'Die Nachtfähre zu den Inseln ist am Freitag erneut ausgefallen, weil ein Sturm den Anleger im Hafen beschädigt hat.',
  ],
  [
    'fr',
    'Le ferry de nuit vers les îles a de nouveau été annulé vendredi, après qu’une tempête a endommagé la jetée du port.',
  ],
  [
    'es',
    'El ferry nocturno a las islas volvió a cancelarse el viernes después de que una tormenta dañara el muelle del puerto.',
  ],
  [
    'it',
    'Il traghetto notturno per le isole è stato cancellato di nuovo venerdì, dopo che una tempesta ha danneggiato il molo.',
  ],
  [
    'pt',
    'A balsa noturna para as ilhas voltou a ser cancelada na sexta-feira, depois que uma tempestade danificou o cais do porto.',
  ],
  [
    'nl',
    'De nachtboot naar de eilanden is vrijdag opnieuw geschrapt nadat een storm de pier in de haven had beschadigd.',
  ],
  [
    'sv',
    'Nattfärjan till öarna ställdes återigen in på fredagen efter att en storm hade skadat piren i hamnen.',
  ],
  ['pl', 'Nocny prom na wyspy znowu odwołano w piątek, po tym jak sztorm uszkodził molo w porcie.'],
  ['cs', 'Noční trajekt na ostrovy byl v pátek znovu zrušen poté, co bouře poškodila molo v přístavu.'],
  [
    'hu',
    'A szigetekre tartó éjszakai kompot pénteken ismét törölték, miután a vihar megrongálta a kikötői mólót.',
  ],
  [
    'tr',
    'Adalara giden gece feribotu, fırtınanın limandaki iskeleye zarar vermesinin ardından cuma günü yine iptal edildi.',
  ],
  // Indonesian and Malay write this sentence alike; franc takes it for Malay, with or without the narrowing.
  [
    'ms',
    'Kapal feri malam menuju pulau-pulau itu kembali dibatalkan pada hari Jumat setelah badai merusak dermaga di pelabuhan.',
  ],
  [
    'vi',
    'Chuyến phà đêm ra các đảo lại bị hủy vào thứ Sáu sau khi một cơn bão làm hư hỏng cầu tàu ở bến cảng.',
  ],
  ['ru', 'Ночной паром на острова в пятницу снова отменили после того, как шторм повредил причал в порту.'],
];

describe('the language an article is stored with', () => {
  it.each(OPENINGS)(
    'GIVEN an opening paragraph in %s THEN that language is detected',
    (language, opening) => {
      expect(detectLanguage('Ferry', [opening])).toBe(language);
    },
  );

  it('GIVEN a sample with too few function words to go on THEN every candidate is kept for franc to decide', () => {
    const candidates = ['eng', 'deu', 'vie', 'rus', 'cmn'];
    expect(languageEvidence('Ljubljana 2024: 3-1, Zagreb 17:45', candidates)).toEqual({ candidates });
  });

  it('GIVEN a few English function words THEN the Latin-script candidates narrow to the likeliest, and no other script is dropped', () => {
    const candidates = ['eng', 'deu', 'fra', 'hun', 'vie', 'rus', 'arb', 'cmn'];
    const evidence = languageEvidence('Bridge opens to traffic in spring', candidates);
    const kept = 'candidates' in evidence ? evidence.candidates : [];
    expect(kept).toContain('eng');
    expect(kept).toEqual(expect.arrayContaining(['rus', 'arb', 'cmn']));
    expect(kept.length).toBeLessThan(candidates.length);
  });

  it('GIVEN a sentence thick with one language’s function words THEN they name it, and no trigram scoring is needed', () => {
    const candidates = ['eng', 'deu', 'fra', 'nld', 'rus'];
    expect(
      languageEvidence('The mayor said that the bridge would open to traffic in the spring.', candidates),
    ).toEqual({ language: 'eng' });
    expect(
      languageEvidence(
        'Der Bürgermeister sagte, dass die Brücke im Frühjahr für den Verkehr geöffnet wird.',
        candidates,
      ),
    ).toEqual({ language: 'deu' });
  });

  it('GIVEN a Russian article that opens with an English quote THEN the script most of its letters are in decides, not the quote’s function words', () => {
    const opening =
      'The club said it would be in the final for the first time, сообщил тренер команды после матча в субботу вечером';
    // franc tells the Cyrillic languages apart poorly on 160 characters; what this defends is the script.
    expect(['ru', 'uk', 'bg', 'be']).toContain(detectLanguage('Тур', [opening]));
  });
});

describe('when function words name the language outright', () => {
  const candidates = ['eng', 'deu', 'nld', 'swe', 'pol', 'ces', 'hrv', 'srp', 'bos', 'rus', 'hin'];

  it('GIVEN a Hindi article that opens with an English quote THEN Hindi is detected: its vowel signs count for its script, as franc counts them', () => {
    const opening =
      '“We shall stand by them and we shall win this fight,” मुख्यमंत्री ने गुरुवार को विधानसभा में कहा कि सरकार उनके साथ है।';
    expect(detectLanguage('विधानसभा', [opening])).toBe('hi');
  });

  it('GIVEN a sentence thick with Croatian function words THEN their list, which speaks for Croatian, Serbian and Bosnian alike, names none of them outright', () => {
    const evidence = languageEvidence(
      'Kad smo mi bili tamo, on nam je rekao da će sve biti u redu, ali nije bilo tako.',
      candidates,
    );
    expect(evidence).toEqual({ candidates: expect.arrayContaining(['hrv', 'srp', 'bos']) });
  });

  it('GIVEN German function words leading English ones by less than two to one THEN neither is named, franc decides', () => {
    // German 7 hits, English 4 (the list before it), Dutch 2: a lead, not a decisive one.
    const evidence = languageEvidence(
      'The mayor of the town met them, weil sie auch über diese Brücke sprechen wollten, obwohl es regnete',
      candidates,
    );
    expect(evidence).toEqual({ candidates: expect.arrayContaining(['deu', 'eng']) });
  });

  it('GIVEN four English function words among eighteen long ones THEN they are too thin a share to name English outright', () => {
    const evidence = languageEvidence(
      'Parliament approved the infrastructure modernisation legislation yesterday, funding railways, motorways, bridges, tunnels, harbours and airports in the northern regions'.slice(
        0,
        160,
      ),
      candidates,
    );
    expect(evidence).toEqual({ candidates: expect.arrayContaining(['eng']) });
  });
});

describe('language evidence never narrows to nothing', () => {
  it('GIVEN candidates none of which the function words point at THEN all of them are kept (franc reads an empty list as every language)', () => {
    expect(
      languageEvidence('The mayor said that the bridge would open in the spring.', ['vie', 'swh']),
    ).toEqual({ candidates: ['vie', 'swh'] });
  });
});
