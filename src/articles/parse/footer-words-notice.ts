import type { Concept } from './footer-concepts.ts';

/**
 * The words of notices, by concept: what a notice about a publication talks about (the publication, its editors,
 * its texts, their authors) and what it says about them. Format: footer-lexicon.ts.
 */
export const NOTICE_WORDS: Readonly<Partial<Record<Concept, string>>> = {
  publication: `
    site sites website* webpage* web portal* page pages publication* publish* publisher* newspaper* outlet* magazine*
    platform* blog* medium media resource space feed feeds section sections
    rubrik* rubrique* rubric* sección secciones secção sezione rubriek* dział* рубрик* розділ*
    seite seiten webseite* homepage portal* plattform* zeitung* verlag* herausgeber* veröffentlich* *veröffentlich*
    angebot sitio página* publica* periódico* diario medio plataforma* revista* espacio web
    portail* journal* éditeur* média plateforme* publié* publie* espace
    сайт* портал* издани* газет* журнал* платформ* ресурс* опубликов* публику* печатн*
    sito testata giornale pubblicazion* pubblicat* pubblicare editore portale spazio
    veículo* jornal editora espaço
    krant* uitgever* publicatie* gepubliceerd
    serwis* strona stronie portalu opublikow* publikow* wydaw*
    sajt* sajten webbplats* tidning* publicera* publiceras utgivare
    sitede sitemizde yayın* yayımla* gazete*
    сайту сайті видання газет* опублікова* публіку*`,
  editorial: `
    editor editors editorial* newsroom* staff journalist journalists team équipe equipo equipe
    redaktion* *redaktion* redakteur* *redakteur* redaktionell* lektorat
    redacción redactor* editores editorial* periodista*
    rédaction* rédacteur* éditorial* journaliste*
    редакци* редактор* журналист*
    redazione redattor* giornalist*
    redação redator* equipe editorial
    redactie* redacteur*
    redakcj* redakcyj* redaktor*
    redaktionen redaktör* journalister
    editör* editörlerimiz
    редакція* редакції редактор*`,
  text: `
    article articles text texts content contents material materials story stories piece column columns post posts
    copy item items news notice notices dispatch* entry entries comment comments
    comentario* comentário* commentaire* комментари* commento commenti коментар*
    artikel* text texte textes *beitrag* *beiträg* beitrag* beiträg* inhalt* *inhalte* meldung* *meldung* nachricht* *nachricht*
    kommentar*
    artículo* texto* contenido* nota notas noticia* material* despacho*
    contenu* dépêche* propos textes
    стать* текст* материал* публикац* новост* контент* содержани* заметк*
    articol* testo testi contenut* notizi*
    artigo* conteúdo* matéria* notícia*
    bericht* inhoud* tekst*
    treść treści artykuł* tekst* materiał* wiadomości
    artiklar* artikeln innehåll* text*
    haber* içerik* yazı*
    матеріал* статт* новин* текст*`,
  author: `
    author authors authored writer writers contributor* columnist* signatory signatories reader readers commenter*
    leser leserin leserinnen lesern lector lectores lectora lectoras lecteur* читател* lettor* leitor* lezer* czytelni*
    läsar* okuyucu* читач*
    autor autoren autorin autorinnen verfasser*
    autores autora autoras firmante*
    auteur auteurs signataire*
    автор автора авторов авторы автором авторам авторами автору
    autore autori
    schrijver* auteurs
    autorzy autorów autora
    författar* skribent*
    yazar*
    автори авторів`,
  opinion: `
    view views viewpoint* opinion* position stance standpoint* assessment assessments judgement judgment
    einschätzung* bewertung* beurteilung* parecer pensiero appréciation*
    meinung* ansicht* standpunkt* auffassung* sicht sichtweise* haltung
    opinión opiniones opini* postura* posición vista valoraci* criterio*
    avis vue vues position*
    мнени* зрени* позици* взгляд*
    posizion*
    posição posições
    mening* standpunt* opvatting*
    stanowisk* zdanie poglądy pogląd*
    åsikt* ståndpunkt* uppfattning*
    görüş*
    думк* позиці* погляд*`,
  endorse: `
    reflect* represent* express* endorse* endorsement* coincide* imply implies
    spiegel*
    reflej* representa* expresa* expresad* coincid* compart*
    reflèt* reflet* représent* exprim* engage engagent
    отража* выража* совпада* разделя*
    riflett* rappresent* esprim* condivid*
    reflet* express* endoss*
    weerspiegel* vertegenwoordig*
    odzwierciedl* wyraża* stanowi*
    återspegl* speglar representera*
    yansıt* temsil*
    відобража* відображ* збіга*`,
  automation: `
    machine automatic* automated automatically programmatic* software algorithm* computer* aggregat* compiled
    maschinell* automatisch* programmatisch* algorithm* computer*
    automátic* automatiz* programátic* algoritm* informátic*
    automatique* programmatique* logiciel* ordinateur* algorithm*
    автоматическ* машинн* программн* алгоритм* нейросет*
    automatic* automatizz* algoritm*
    automatisch* machinaal*
    automatycz* maszynow*
    maskinell* automatisk*
    otomatik*
    автоматичн* машинн*`,
  /** Translation is its own notion: "machine-translated" says two things (automation, translation). */
  translation: `
    translat* *übersetz* übersetz* traduc* traduj* tradu* tradott* tradurr* перевод* переведен* переведён*
    vertaal* vertaald* vertaling* tłumacz* przetłumacz* översätt* översatt* oversat* oversett* käännö* käännet*
    çeviri* tercüme* перекла* μετάφρασ* přelož* preklad* fordít*`,
  review: `
    check checked checking verified verify vetted review reviewed proofread* edited editing unedited vouch
    geprüft überprüf* prüfung gegengelesen kontrolliert redigiert *redigiert
    revisión revisad* verificad* comprobad* contrastad*
    relu relus relue relues relit relecture vérifié* contrôlé*
    проверк* проверен* проверя* отредактирован* редактирован*
    verificat* revisionat* controllat* verifica
    revisão revisad* revisto verificad*
    gecontroleerd nagekeken gecorrigeerd
    weryfikowane weryfikacj* sprawdzan* sprawdzon*
    gransk* kontrollera*
    kontrol* denetlen*
    перевір* перевірен*`,
  liability: `
    responsibility responsible liability liable warrant* guarantee* accuracy accurate completeness correctness
    errors inaccuracies inaccurate
    *verantwort* verantwort* haftung* haftet haften gewähr* garantie* richtigkeit vollständigkeit fehler* ungenauigkeit* *ungenauigkeit*
    responsab* garantí* exactitud imprecision* inexactitud* errores
    responsabilit* responsable* garanti* exactitude erreur* inexactitude*
    ответственн* гарант* достоверн* неточност* ошибк* отвечает отвечают
    responsabil* garanz* accuratezz* fedeltà errori
    responsabilidade* garant* exatidão falhas erros responde
    verantwoordelijk* aansprakelijk* fouten
    odpowiedzialn* błęd* gwarancj*
    ansvar* ansvarig* garanti*
    sorumlu* garanti*
    відповідальн* помилк* гарант*`,
  rights: `
    copyright rights reserved reproduction reproduced permission licence* license* licensed authoriz* authoris*
    rechte vorbehalten nachdruck *vervielfältig* lizenz* genehmigung*
    derechos reservados reproducción licencia* autorizaci*
    droits réservés licence* autorisation*
    права защищены перепечатк* воспроизведени* лиценз* разрешени*
    diritti riservati riproduzion* licenz* autorizzazion*
    direitos reservados reprodução licença* autorização*
    rechten voorbehouden
    prawa zastrzeżone
    rättigheter förbehållna
    haklar saklıdır
    захищені`,
  advice: `
    advice informational adviser advisor
    beratung *beratung* informationszweck*
    asesoramiento informativ*
    conseil* informatif* indicatif
    рекомендаци* ознакомительн* консультаци*
    consulenza informativ*
    aconselhamento
    advies
    porad*
    rådgivning
    tavsiye*`,
  origin: `
    original* syndicat* republish* republication wire wires agency agencies source sources
    agentur* *agentur* quelle* originaltext*
    agencia* despachos fuente* origen
    agence* origine* source
    первоисточник* агентств* оригинал* источник*
    agenzia* fonte* originale
    agência* original*
    persbureau* bron*
    agencj* źródł*
    nyhetsbyrå* källa*
    ajans* kaynak*
    першоджерел* агентств* оригінал*`,
  /** Paid placement: sponsorship, advertising, paid partnership. */
  commercial: `
    sponsor* advertis* advertorial promoted promotional paid
    anzeige werbung werbepartner* *werbe* gesponsert* sponsor*
    publicidad publicitari* patrocinad* publirreportaje
    publicité publicitaire* sponsorisé* partenariat* rémunéré*
    реклама рекламн* спонсор* партнёрск* партнерск*
    pubblicità pubblicitari* sponsorizzat*
    publicidade patrocinad* publieditorial
    advertentie* gesponsord* betaalde
    reklama reklamow* sponsorowan* sponsorsk*
    annons* sponsrad*
    reklam* sponsorlu
    реклам* спонсор*`,
};
