import type { Concept } from './footer-concepts.ts';

/**
 * The words of structure (labels, "this", "we"), of news about events (reported speech, dates, actors) and of page
 * furniture, by concept. Format: footer-lexicon.ts.
 */
export const NEWS_AND_STRUCTURE_WORDS: Readonly<Partial<Record<Concept, string>>> = {
  label: `
    disclaimer note notice important legal please
    hinweis* anmerkung* haftungsausschluss* rechtlich*
    aviso nota advertencia descargo
    avertissement remarque mention
    примечание внимание дисклеймер уведомление важно
    avvertenza avviso
    observação aviso
    opmerking
    uwaga zastrzeżenie
    obs observera
    uyarı
    примітка увага`,
  deixis: `
    this these
    dies diese dieser dieses diesem diesen
    este esta estos estas
    ce cet cette ces
    этот эта это эти этого этой этом этих данн*
    questo questa questi queste
    deste desta destes destas neste nesta
    deze dit
    tym tej tego
    denna detta dessa
    bu
    цей ця це ці цього цієї`,
  self: `
    we our ours us here
    wir unser unsere unserer unseren unserem uns hier
    nuestro nuestra nuestros nuestras nosotros aquí
    notre nos nous ici
    наш наша наше наши нашего нашей нашем нашим мы здесь
    nostro nostra nostri nostre noi
    nosso nossa nossos nossas nós aqui
    onze ons wij
    nasz* tutaj
    vår vårt våra vi oss här
    bizim burada
    ми тут`,
  /** The reader spoken to: a notice advises "you"; news reports on third parties. */
  address: `
    you your yours yourself
    euch euer eure
    usted ustedes vuestro vuestra vosotros
    vous votre vos
    вы вас вам ваш ваша ваше ваши
    voi vostro vostra vostri vostre
    você vocês
    jij jouw uw
    wy wasz wasza wasze
    du dig din ditt dina ni er era
    dich dein deine deinen
    tu toi ton ta tes
    siz sizin
    ви ваш ваша ваші`,
  speech: `
    said says told announced stated added explained according claimed insisted warned stressed noted wrote
    confirmed denied acknowledged argued replied commented admitted emphasised emphasized urged
    sagte sagten sagt erklärte erklärten teilte teilten betonte betonten kündigte zufolge meinte berichtete schrieb
    bestätigte bestritt räumte warnte forderte kritisierte hieß fügte ergänzte
    dijo dijeron afirmó declaró anunció señaló explicó según aseguró indicó informó añadió subrayó destacó confirmó
    negó advirtió reconoció sostuvo insistió manifestó apuntó comentó
    déclaré annoncé affirmé expliqué indiqué selon souligné précisé ajouté confirmé démenti reconnu averti affirme
    déclare assure raconte
    заявил* сказал* сообщил* отметил* объявил* пояснил* словам подчеркнул* добавил* подтвердил* признал*
    рассказал* уточнил* предупредил*
    detto dichiarato annunciato spiegato affermato precisato aggiunto sottolineato confermato riferito
    disse disseram afirmou declarou anunciou segundo explicou informou acrescentou destacou confirmou ressaltou
    garantiu
    zei zeiden zegt verklaarde volgens benadrukte bevestigde aldus
    powiedział* poinformował* oświadczył* według zapowiedział* podkreślił* dodał* potwierdził* zaznaczył*
    przekazał*
    sade säger uppgav enligt meddelade betonade bekräftade
    açıkladı söyledi dedi göre belirtti vurguladı kaydetti
    заявив* сказав* повідомив* повідомили зазначив* наголосив* додав* підтвердив* розповів*`,
  time: `
    monday tuesday wednesday thursday friday saturday sunday yesterday tomorrow week weeks month months year years ago
    now spring summer autumn winter jetzt frühling frühjahr sommer herbst ahora verano otoño invierno maintenant
    printemps automne hiver сейчас теперь весн* летом осень* осенью зим* ora autunno inverno agora verão
    outono nu lente zomer herfst teraz wiosn* latem jesieni* zimą sommar höst vinter şimdi ilkbahar sonbahar kış
    зараз тепер навесні влітку восени взимку
    woche wochen monat monate monaten jahr jahre jahren jahres
    semana semanas meses año años
    semaine semaines mois ans année années
    недел* месяц* год году года лет
    settimana settimane mese mesi anno anni
    mês ano anos
    weken maand maanden jaar jaren
    tydzień tygodni* miesiąc* roku lat
    vecka veckor månad* året
    hafta* yıl yılı yıllık
    тиждень тижні місяць місяці рік року років
    january february april june july september october november december
    montag dienstag mittwoch donnerstag freitag samstag sonntag gestern morgen
    januar februar märz juni juli oktober dezember
    lunes martes miércoles jueves viernes sábado domingo ayer
    enero febrero marzo abril mayo junio julio septiembre octubre noviembre diciembre
    lundi mardi mercredi jeudi vendredi samedi dimanche
    janvier février mars avril juin juillet septembre octobre novembre décembre
    понедельник* вторник* среду четверг* пятниц* суббот* воскресень* вчера
    январ* феврал* марта апрел* июн* июл* сентябр* октябр* ноябр* декабр*
    lunedì martedì mercoledì giovedì venerdì sabato domenica ieri
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
    segunda terça quarta quinta sexta sábado domingo ontem
    janeiro fevereiro março abril maio junho julho setembro outubro novembro dezembro
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag gisteren
    poniedział* wtor* środa środę środy czwart* piąt* sobot* niedziel* wczoraj
    måndag* tisdag* onsdag* torsdag* fredag* lördag* söndag* igår
    pazartesi salı çarşamba perşembe cuma cumartesi pazar dün
    понеділ* вівтор* середу четвер* п'ятниц* субот* неділ* учора вчора`,
  actor: `
    minister* government* official officials police president* mayor* council* court* spokes* company prosecutor*
    regierung* polizei* präsident* bürgermeister* stadtrat* gericht* sprecher* staatsanwalt*
    ministr* gobierno* policía* alcald* ayuntamiento* tribunal* portavoz* fiscal*
    gouvernement* police* maire* préfet* procureur*
    министр* правительств* полици* президент* мэр* губернатор* суд суда суде судом прокурор*
    governo* polizia* sindaco* tribunale* portavoce* procura*
    polícia* prefeit* porta-voz
    regering* politie* burgemeester* rechtbank* woordvoerder*
    minist* rząd* policj* prezydent* burmistrz* sąd* rzecznik* prokurat*
    polis* borgmästar* domstol* talesperson*
    bakan* hükümet* başkan* belediye* mahkeme* sözcü* savcı*
    міністр* уряд* поліці* мер прокурор*`,
  ui: `
    print share top back scroll up next previous comment comments subscribe follow like tweet email mail read more
    drucken teilen oben nach zurück weiter seitenanfang anfang kommentar* abonnieren folgen
    imprimir compartir compartilhe compartilhar arriba inicio topo voltar leer comentar* suscribir*
    imprimer partager haut retour lire suite commentaire* abonner
    наверх начал* поделит* печат* читать коммент* подписат* вернуться
    stampa condividi torna inizio leggi commenta*
    terug boven delen printen lees
    góry udostępnij drukuj wróć
    toppen dela skriv tillbaka
    yukarı paylaş yazdır başa
    вгору поділит* друк*
    send senden versenden envoyer enviar invia partilhar partilhe partilha imprima
    sdílet nahoru tisk megosztás nyomtatás vissza distribuie sus tipărește`,
};
