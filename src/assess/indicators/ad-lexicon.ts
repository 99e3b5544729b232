import type { PhraseRule } from './phrases.js';

/**
 * The wording of ad-level indicators in Dutch, English, Spanish and Portuguese, as phrase rules
 * (syntax in phrases.ts). Written from how contact ads are worded and from the research behind
 * the catalogue, not from any generator: a lexicon fitted to synthetic ads would measure nothing.
 *
 * Decisions, briefly:
 * - third_person: "she"/"zij"/"ella"/"ela" with a verb, "her name/photos", "this girl", "our
 *   girls", "girls available", "ask for Anna", "Onze Luna", "Meet Luna", her own name with a verb
 *   in the text ("Lotte is een lief meisje"; a title "Lotte verwent je" is a headline, which
 *   independents write so too), and "nieuw meisje" / "new girl Fon" (agencies announce women so).
 *   Negation does not undo a voice ("she is not new" is still about her).
 * - whatsapp_only: "alleen WhatsApp", "text only", "solo mensajes", and "no calls" forms; "no
 *   calls from hidden numbers", "niet bellen na 22:00", "niet via WhatsApp" are not it.
 * - youth: wording, never the stated age ("24 jaar" is not youth wording, and the study behind
 *   the catalogue found a stated age under 23 no predictor). Not youth: "jong van geest", "young at
 *   heart", "45 jaar jong" (an idiom older women use), "jong en oud welkom" (clients), "fresh" of
 *   towels and showers (only "fresh face", "fresh girl", … count), "only 18+" (who may call).
 *   "New girl" / "nieuw meisje" / "chica nueva" is not youth wording either: "girl" is said of
 *   women of every age in these ads, and "new" is newness on the site (third person when it
 *   announces her by name); youth needs a youth word ("young", "barely 18", "fresh face", …).
 * - all_hours: "24/7" and its spellings, "24 uur per dag", "beschikbaar 24h", "dag en nacht",
 *   "altijd beschikbaar", "7 dagen per week". Not "24 jaar", not a bare "24 uur" (a price-list
 *   line for a day's booking), not "24/7/2023".
 * - trust_wording: claims the photos or the person are real or reliable. "discreet" alone is not
 *   (nearly every ad says it); "discreet en professioneel" is. "betrouwbare heren" (wanted
 *   clients) is not.
 * - movement: "new in town" and its forms, "just arrived", "only this week", "last days", "tour",
 *   "leaving soon", "limited time". Not "nieuwe foto's", not "nieuw in het vak" (new to the work).
 */

/** A space-separated word list as one choice slot: "a b c" → "a|b|c". */
function alt(list: string): string {
  return list.trim().split(/\s+/).join('|');
}

function rules(code: string, list: Omit<PhraseRule, 'code'>[]): PhraseRule[] {
  return list.map((r) => ({ ...r, code }));
}

const NOT_CLIENTS =
  'heren mannen klanten jongens gentlemen men guys clients customers caballeros hombres clientes senhores homens';

// ---------------------------------------------------------------------------------------------
// third_person
// ---------------------------------------------------------------------------------------------

const NL_VERBS = alt(
  'is heeft houdt komt ontvangt biedt werkt spreekt doet kan wil geeft verwent staat woont heet zal zou was weet neemt maakt speelt geniet vindt luistert zorgt laat verblijft blijft wacht verwacht reist bezoekt gaat zit kijkt lacht danst zoekt',
);
const EN_HER_NOUNS = alt(
  'name photos photo pictures pics body services rates prices number place apartment schedule agenda availability specialities specialties favourite favorite measurements',
);
const NL_HER_NOUNS = alt(
  'naam foto fotos lichaam diensten nummer prijzen tarieven agenda specialiteit specialiteiten figuur ogen glimlach borsten rondingen appartement werkplek',
);
const ADJ_NL = alt(
  'mooie lieve jonge sexy hete heerlijke prachtige knappe geile nieuwe exotische leuke',
);
const WOMAN_NL = alt('meisje meid dame schoonheid vrouw babe godin lady model schone');
const ADJ_EN = alt('beautiful gorgeous young sexy hot sweet stunning new exotic lovely');
const WOMAN_EN = alt('girl lady beauty babe goddess model woman princess');
const NAME_VERBS = alt(
  'heeft houdt ontvangt biedt komt werkt spreekt doet kan wil geeft verwent staat woont zal zou wacht has loves likes offers will can speaks comes does enjoys gives provides works receives welcomes awaits tiene esta ofrece habla viene hace te sera espera tem faz oferece fala vem adora ama gosta atende recebe',
);
const WOMAN_ANY = alt(
  'meisje meid girl lady chica mujer menina garota mulher vrouw dame latina beauty schoonheid muchacha gata babe woman nena',
);
const GROUP = alt(
  'meiden dames meisjes girls ladies modellen models escorts chicas senoritas modelos meninas garotas gatas',
);
const ES_VERBS = alt(
  'es tiene esta ofrece habla viene hace te le sera estara llego busca ama adora disfruta trabaja atiende recibe da sabe puede quiere vive encanta gusta acaba cumple lleva espera',
);
const PT_VERBS = alt(
  'e tem esta faz oferece fala vem adora ama gosta atende recebe chegou sera vai sabe pode quer mora curte aceita espera',
);

const THIRD_PERSON: PhraseRule[] = rules('third_person', [
  { phrase: `zij|ze ${NL_VERBS}` },
  { phrase: 'is|heeft|spreekt|houdt|doet|biedt|ontvangt|werkt|geeft zij' },
  { phrase: `haar ${NL_HER_NOUNS}` },
  { phrase: 'bel|boek|ontmoet|bezoek|contacteer|app|verras|verwen haar' },
  { phrase: `dit|deze ${ADJ_NL}? ${WOMAN_NL}|latina` },
  {
    phrase: `onze|ons ${ADJ_NL}? meiden|dames|meisjes|girls|ladies|modellen|escorts|team|dame|meid`,
  },
  { phrase: 'nieuw|nieuwe meisje|meisjes|meid|meiden|dame|dames' },
  // By name: "Lotte is een lief meisje", "Onze Luna", "Meet Luna", "Dit is Sanne", "New girl Fon".
  // A title "Sanne verwent je" is a headline, written so by independents too: text only.
  { phrase: `@Name ${NAME_VERBS}`, textOnly: true },
  { phrase: '@Name is|es|e', notNext: 'my mijn mi meu mn m', textOnly: true },
  { phrase: 'onze|our|nuestra|nossa @Cap|@Name' },
  { phrase: 'meet|conoce|conheca|conozcan|presentamos|apresentamos a? @Cap|@Name' },
  { phrase: 'maak kennis met @Cap|@Name' },
  // "This is" + a capitalised word is too often a headline ("This Is Real"): her name only.
  { phrase: 'dit|this|esta|essa|este is|es|e @Name' },
  { phrase: `is|es|e een|a|una|uma @Any? ${WOMAN_ANY}` },
  { phrase: 'new|nieuw|nieuwe|nueva|nova girl|meisje|meid|chica|menina|garota @Cap|@Name' },
  { phrase: `${GROUP} beschikbaar|aanwezig|available|present|disponibles|disponiveis` },
  { phrase: 'vraag|ask|pregunta|preguntar|pergunte|pergunta naar|for|por|pela|pelo @Cap' },
  { phrase: 'she', notNext: 'male males man' },
  { phrase: `her ${EN_HER_NOUNS}` },
  { phrase: 'call|book|meet|contact|visit|text|message|enjoy|see|spoil her' },
  { phrase: `this|our ${ADJ_EN}? ${WOMAN_EN}` },
  { phrase: `our ${ADJ_EN}? girls|ladies|models|team|escorts` },
  { phrase: 'we|wij have|offer|hebben|bieden new|nieuwe? girls|ladies|models|meiden|dames' },
  { phrase: 'new girls' },
  { phrase: `ella ${ES_VERBS}` },
  { phrase: 'se llama|chama @Cap' },
  { phrase: 'su nombre es' },
  { phrase: 'nuestra|nuestras chica|chicas|senoritas|modelos|nenas|nueva|nuevas' },
  { phrase: 'esta|esa chica|belleza|muneca|preciosidad|mujer|nena|latina|morena|rubia|diosa' },
  { phrase: 'tenemos chicas|nuevas|una' },
  { phrase: 'chicas|senoritas nuevas' },
  { phrase: 'llamala|contactala|visitala|disfrutala' },
  { phrase: `ela ${PT_VERBS}` },
  { phrase: 'dela' },
  { phrase: 'nossa|nossas menina|meninas|garota|garotas|gata|gatas|modelos|novas|nova' },
  { phrase: 'essa|esta menina|garota|gata|mulher|morena|loira|delicia|gostosa|deusa' },
  { phrase: 'temos meninas|garotas|novas|uma' },
  { phrase: 'meninas|garotas novas' },
]).map((r) => ({ ...r, negatable: false }));

// ---------------------------------------------------------------------------------------------
// whatsapp_only
// ---------------------------------------------------------------------------------------------

const ONLY = alt(
  'alleen enkel uitsluitend slechts only solo solamente exclusivamente apenas somente exclusief exclusively strictly',
);
const BY = alt('via per op by through on por pelo pela mediante over met with');
const MESSAGING = alt(
  'whatsapp whatsap watsapp watsap whatsaap whats wa wapp app appje appjes appen whatsappen apps zap zapzap wpp sms smsen smsjes smsje text texts texting txt mensajes mensaje mensagem mensagens msg msgs berichten berichtjes bericht message messages telegram signal',
);
const NO = alt('geen no niet never nooit sin sem nunca zero');
const CALLS = alt(
  'telefoontjes oproepen bellers calls phonecalls belletjes llamadas chamadas ligacoes ligacao voicecalls',
);
/** What makes a "no calls" rule about some calls only: hidden numbers, hours, days. */
const SOME_CALLS =
  'via bij als wanneer when if si se cuando quando van vanaf met na voor tussen uit anoniem anonieme prive afgeschermd afgeschermde onbekend onbekende verborgen meer s tijdens op in from with after before between anonymous private hidden withheld blocked unknown during on at de con desde despues antes entre anonimas anonimos ocultas ocultos privadas privados numero numeros nummer nummers number numbers apos depois anonimo anonima privado privada bloqueado bloqueados durante en em na no';
const HIDDEN =
  'anoniem anonieme prive private hidden verborgen afgeschermde onbekende ocultos ocultas privados anonimos anonymous';

const WHATSAPP_ONLY: PhraseRule[] = rules('whatsapp_only', [
  { phrase: `${ONLY} ${BY}? de|het|the|el|o|mijn|my|mi|meu? ${MESSAGING}` },
  // "só" folds to "so": only with its accent, or English "so whatsapp me" would count.
  {
    phrase: `so ${BY}? o|meu? ${MESSAGING}`,
    verify: (text, start) => text.slice(start, start + 2).toLowerCase() === 'só',
  },
  { phrase: `${MESSAGING} ${ONLY}` },
  { phrase: `${MESSAGING} me|mij|mi|op? ${ONLY}` },
  { phrase: `${NO} ${CALLS}`, notNext: SOME_CALLS, notPrev: HIDDEN },
  { phrase: 'no|geen phone|voice|telefonische|telefonisch calls|contact', notNext: SOME_CALLS },
  { phrase: 'niet|nooit bellen', notNext: SOME_CALLS, notPrev: HIDDEN },
  { phrase: 'bel|bellen me|mij? niet', notNext: SOME_CALLS, notPrev: HIDDEN },
  { phrase: 'bellen kan|gaat|is niet', notNext: SOME_CALLS },
  { phrase: 'neem|neemt niet|geen op|telefoon', notNext: SOME_CALLS },
  { phrase: 'don|doesn t answer|pick calls|up|the? phone?', notNext: SOME_CALLS },
  { phrase: 'dont|never answer|pick calls|up|the? phone?', notNext: SOME_CALLS },
  { phrase: 'don|doesn t call|phone|ring', notNext: SOME_CALLS },
  { phrase: 'dont call|phone|ring', notNext: SOME_CALLS },
  { phrase: 'do not call|phone|ring', notNext: SOME_CALLS },
  { phrase: 'no llames|llamar|llamadas', notNext: SOME_CALLS, notPrev: HIDDEN },
  { phrase: 'no contesto|atiendo|cojo|acepto llamadas', notNext: SOME_CALLS },
  { phrase: 'nao ligue|ligar|liga|ligacoes|chamadas', notNext: SOME_CALLS, notPrev: HIDDEN },
  { phrase: 'nao atendo|aceito ligacoes|ligacao|chamadas', notNext: SOME_CALLS },
  { phrase: 'nada de ligacoes|ligacao|llamadas|chamadas', notNext: SOME_CALLS },
]);

// ---------------------------------------------------------------------------------------------
// youth
// ---------------------------------------------------------------------------------------------

const YOUTH: PhraseRule[] = rules('youth', [
  {
    phrase:
      'jong jonge jonkie jongedame jeugdig jeugdige youthful juvenil tienerlook teenlook young joven jovencita jovencitas jovenzuela jovem jovens novinha novinhas ninfeta ninfetas lolita teen teens teenager tiener petite tiny schoolmeisje schoolgirl colegiala studentje babyface chiquilla innocent onschuldig onschuldige inocente girlish meisjesachtig'
        .split(' ')
        .join('|'),
    notNext: NOT_CLIENTS,
  },
  { phrase: 'baby face' },
  // Not "only 18+": that is who may call.
  {
    phrase: 'barely|just|net|pas|amper|recien|recem 18|19|legal|meerderjarig',
    verify: (text, _start, end) => !/^(?:\+|[:.,]\d)/.test(text.slice(end, end + 2)),
  },
  { phrase: 'just|net|pas turned|geworden 18|19' },
  { phrase: 'acabo|acabei de cumplir|fazer|hacer 18|19' },
  { phrase: '18|19 recien|recem cumplidos|feitos|cumplidas' },
  { phrase: '18|19 anitos|aninhos|jaartjes' },
  { phrase: 'fresh face|faced|girl|new|young|teen|meat|18|19' },
  { phrase: 'vers|verse meisje|meid|vlees|blaadje' },
  { phrase: 'carne fresca|nova|nueva' },
  { phrase: 'recien|recem cumplidos|cumplidas|feitos 18|19' },
  { phrase: 'teen|tiener look|looking' },
  { phrase: 'little|klein|kleine girl|meisje' },
  {
    phrase:
      'cuerpo|corpo|body|lichaam|lichaampje|carita|rostinho|face|gezicht|gezichtje de|van|of a|een|uma? nina|menina|girl|meisje|tiener|teen|adolescente|colegiala',
  },
  // False friends.
  { phrase: 'jong|jonge|young van|at|de|of geest|hart|heart|spirit|mind', stop: true },
  { phrase: 'joven|jovem de espiritu|corazon|coracao|espirito|alma', stop: true },
  {
    phrase:
      'jong|young|joven|jovem en|and|or|of|y|e|o|ou|und? oud|old|oude|older|mayor|mayores|velho',
    stop: true,
  },
  { phrase: 'oud|old|mayor|velho en|and|or|of|y|e|o|ou? jong|young|joven|jovem', stop: true },
  { phrase: 'jaar|years|year|anos|jaartjes jong|young|joven|jovem', stop: true },
  { phrase: 'grote|kleine teen', stop: true },
]);

// ---------------------------------------------------------------------------------------------
// all_hours
// ---------------------------------------------------------------------------------------------

const AVAIL = alt(
  'beschikbaar bereikbaar available availability reachable disponible disponibles disponivel open geopend abierto abierta aberto aberta atiendo atendo ontvang service servicio servico online bookable',
);
const H24 = alt('24h 24u 24hr 24hrs 24hs 24uur 24horas 24hours 24std');
const UNIT = alt('uur uurs u h hr hrs hour hours horas hs std');
const PER_DAY = alt('per a al por ao p del do de of van');
const THE = alt('the la o de');
const DAY = alt('dag day dia etmaal');

/** Nothing but punctuation, emoji or a line break on either side: "24 horas\n", "· 24h ·". */
function standsAlone(text: string, start: number, end: number): boolean {
  let i = start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  let j = end;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  const edge = /[\n.!;,•|\uD800-\uDFFF\u2600-\u27BF]/u;
  return (i === 0 || edge.test(text[i - 1]!)) && (j >= text.length || edge.test(text[j]!));
}

/** "24/7", "24-7", "24h/7", "24/24", "24 / 7": the digits as a unit, not part of a date or number. */
function is247(text: string, start: number, end: number): boolean {
  if (!/^24\s*(?:h|hrs?|u|uur)?\s*[/\\-]\s*(?:7|24)$/i.test(text.slice(start, end))) return false;
  const before = start > 0 ? text.charAt(start - 1) : '';
  const after = text.slice(end, end + 2);
  return !/[\d/\\.:-]/.test(before) && !/^(?:\d|[/\\.:-]\d)/.test(after);
}

const ALL_HOURS: PhraseRule[] = rules('all_hours', [
  { phrase: '24 7|24', verify: is247 },
  { phrase: '24h|24u|24hr|24hrs|24uur 7|24', verify: is247 },
  { phrase: '24x7|24x24|365x24' },
  // A bare "24 uur" / "24 horas" only as a line or clause of its own, not in a price list.
  { phrase: `24 ${UNIT}`, verify: standsAlone },
  { phrase: H24, verify: standsAlone },
  { phrase: 'ook|zelfs s nachts' },
  { phrase: 's nachts beschikbaar|bereikbaar|open|geopend' },
  { phrase: 'also|available|open at|by night' },
  { phrase: 'tambien|tambem de|por|a la? noche|noite' },
  { phrase: `${AVAIL} ${H24}` },
  { phrase: `${AVAIL} las|os|the|de|alle? 24 ${UNIT}` },
  { phrase: `${H24} ${AVAIL}` },
  { phrase: `24 ${UNIT} ${AVAIL}` },
  { phrase: `${H24} ${PER_DAY}? ${THE}? ${DAY}` },
  { phrase: `24 ${UNIT} ${PER_DAY}? ${THE}? ${DAY}` },
  { phrase: `${H24} 7 dagen|days|dias` },
  { phrase: `daily|dagelijks|diario|diariamente ${H24}` },
  { phrase: `elke|iedere|every|todos dag|day|dias|los|os dias? ${H24}` },
  { phrase: `24 ${UNIT} 7 dagen|days|dias` },
  // "Dag & nacht", "day/night": the connector may be a sign.
  { phrase: 'dag|day|dia|overdag en|and|y|e|of|or|ou|o? nacht|night|noche|noite|nachts' },
  { phrase: 'nacht|night|noche|noite en|and|y|e|of|or|ou|o? dag|day|dia' },
  { phrase: 'de dia y|e de noche|noite' },
  {
    phrase:
      'altijd|always|siempre|sempre|steeds beschikbaar|bereikbaar|available|disponible|disponivel|open|geopend|abierta|aberta',
  },
  { phrase: 'beschikbaar|bereikbaar|available|disponible|disponivel altijd|always|siempre|sempre' },
  {
    phrase:
      '7|zeven|seven|siete|sete dagen|days|dias per|a|por|de|na|in|the? la|a|the|de? week|semana',
  },
  { phrase: 'rond|round|around de|the klok|clock' },
  { phrase: 'rund um die uhr' },
  { phrase: 'non|nonstop stop? beschikbaar|bereikbaar|available|disponible|disponivel|open' },
  { phrase: 'sin|sem|geen|no horario|horarios|sluitingstijd|sluitingstijden|closing' },
  { phrase: 'a cualquier|qualquer hora' },
  { phrase: 'at any hour' },
  { phrase: 'elk|ieder uur van de dag' },
  { phrase: 'op elk|ieder uur' },
]);

// ---------------------------------------------------------------------------------------------
// trust_wording
// ---------------------------------------------------------------------------------------------

const REAL = alt(
  'echt echte real reales reais genuine authentic legit verified geverifieerd geverifieerde verificada verificadas verificado original originele originales originais verdadera verdaderas verdadeira verdadeiras',
);
/** Forms that follow the noun: "fotos reales", "fotos 100% reais". */
const REAL_AFTER = alt(
  'reales reais verdaderas verdadeiras verificadas originales originais autenticas recientes recentes mias minhas propias proprias',
);
const PHOTOS = alt(
  'foto fotos photo photos pic pics picture pictures imagenes imagens beelden plaatjes selfies fotootjes',
);

/** "100% echt": the "100" must carry a percent sign. */
function percent100(text: string, start: number): boolean {
  return /^100\s*%/.test(text.slice(start, start + 8));
}

const TRUST: PhraseRule[] = rules('trust_wording', [
  { phrase: `100 ${REAL}|ik|me|mij|yo|eu|mezelf|myself`, verify: percent100 },
  { phrase: `100 procent|percent|porciento|ciento|cento ${REAL}` },
  { phrase: `100 por ciento|cento ${REAL}` },
  { phrase: `${REAL}|eigen|own|recente|recent|actual|current ${PHOTOS}` },
  // After the noun only the Spanish and Portuguese forms: Dutch "foto echt mooi" is no claim.
  { phrase: `${PHOTOS} 100? ${REAL_AFTER}` },
  {
    phrase: `${PHOTOS} zijn|are|son|sao|is|were 100? ${REAL}|recent|recente|mine|mias|minhas|authentic`,
  },
  { phrase: `${PHOTOS} zijn|are|son|sao? 100? van|of|de mij|me|mezelf|myself|mi|mim` },
  { phrase: `${REAL} 100`, verify: (text, _start, end) => /^\s*%/.test(text.slice(end, end + 3)) },
  {
    phrase:
      'geen|no|not|niet|sin|sem|nada|never|nooit|zero soy|sou|ben|am|is|es|e|zijn|are|son|sao? a|een|un|una|um|uma? nep|fake|fakes|nepfoto|nepfotos|scam|scams|scammer|oplichting|oplichter|oplichters|oplichterij|engano|enganos|trampa|trampas|estafa|estafas|enganacao|golpe|golpes|catfish|catfishing|bot|bots|nepprofiel|photoshop|verrassingen|surprises|sorpresas|surpresas|mentiras|lies|leugens|teleurstelling|teleurstellingen|disappointment|decepciones|decepcoes|filter|filters|filtros|filtro',
  },
  {
    phrase:
      'betrouwbaar|betrouwbare|trustworthy|reliable|confiable|confiavel|legit|legitimate|verified|geverifieerd|verificada|verificado',
    notNext: NOT_CLIENTS,
  },
  { phrase: `gegarandeerd|guaranteed|garantizado|garantizada|garantido|garantida ${REAL}` },
  { phrase: `${REAL} gegarandeerd|guaranteed|garantizado|garantizada|garantido|garantida` },
  { phrase: 'nada de fake|fakes|enganos|mentiras|trampas|sorpresas|surpresas' },
  {
    phrase:
      'professionele|professional|profesional|profissional service|servicio|servico|servicios|servicos',
  },
  {
    phrase:
      'servicio|servico|servicios|servicos profesional|profissional|profesionales|profissionais',
  },
  { phrase: 'de confianza|confianca' },
  { phrase: 'te vertrouwen' },
  { phrase: 'you can trust me' },
  { phrase: 'puedes|pode|podes confiar' },
  {
    phrase:
      'discreet|discrete|discreta|discreto|discrète|discretion|discretie|discrecion en|and|y|e|und? professioneel|professionele|professional|profesional|profissional|professionalism|professionaliteit|profesionalidad|seriedad',
  },
  {
    phrase:
      'professioneel|professionele|professional|profesional|profissional en|and|y|e|und? discreet|discrete|discreta|discreto',
  },
  { phrase: `zoals|net als? op|in de|mijn? ${PHOTOS}` },
  { phrase: `same as|like? in|on? the|my ${PHOTOS}` },
  { phrase: `exactly|just|look|looks as|like in|on the|my? ${PHOTOS}` },
  { phrase: `como|igual|igualita|identica que|a? en? las|mis ${PHOTOS}` },
  { phrase: `como|igual|igualzinha|identica a|as|que? nas|as|minhas? ${PHOTOS}` },
  { phrase: 'what you see is what you get' },
  { phrase: `echt ik|mij op|in|zelf de? ${PHOTOS}` },
  { phrase: 'really|truly|actually me' },
  { phrase: 'it s|is really|truly|actually me' },
  { phrase: 'ik ben het echt' },
  { phrase: 'soy yo de verdad|realmente' },
  { phrase: 'soy|sou yo|eu en|nas|mesma|misma las? fotos' },
]);

// ---------------------------------------------------------------------------------------------
// movement
// ---------------------------------------------------------------------------------------------

const NEW = alt('nieuw nieuwe new nueva nuevo nuevas nova novo novas novinha');
const PERSON = alt(
  'meisje meid meidje girl lady babe chica nena menina garota gata dame vrouw latina beauty schoonheid mulher mujer',
);
const IN = alt('in to en em na no');
const ART = alt('de het the la el a o deze this esta essa');
const PLACE = alt(
  'stad town city ciudad cidade area regio omgeving buurt zone zona barrio bairro neighbourhood neighborhood',
);
const IN_ADVANCE = 'advance vooraf tevoren antecedencia antelacion';
const THIS = alt('deze dit this esta este essa esse nesta neste');
const PERIOD = alt('week weekend weekeinde semana finde');
const WEEKDAY = alt(
  'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo segunda terca quarta quinta sexta morgen tomorrow manana amanha',
);

const MOVEMENT: PhraseRule[] = rules('movement_wording', [
  { phrase: `${NEW} ${PERSON}? hier|here|aqui? ${IN} ${ART}? ${PLACE}` },
  { phrase: `${NEW} ${PERSON}? hier|here|aqui? ${IN} @Cap` },
  {
    phrase:
      'eerste|first|primera|primeira keer|time|vez in|to|en|em|na|no|aan @Cap|town|stad|ciudad|cidade',
  },
  {
    phrase:
      'newintown|nieuwindestad|nuevaenlaciudad|novanacidade|justarrived|recienllegada|limitedtime',
  },
  {
    phrase:
      'just|net|pas|recently|newly|zojuist|recien|recem arrived|landed|aangekomen|gearriveerd|llegada|llegadita|llegado|chegada|chegadinha|chegou',
  },
  { phrase: 'acabo|acabei de llegar|chegar|aterrizar|aterrar' },
  {
    phrase:
      'eerste|first|primeros|primeiros|primeras|primeiras dag|dagen|day|days|dias|week|weken|semana|semanas in|en|em|na|no|here|hier|aqui @Cap|town|stad|ciudad|cidade',
  },
  { phrase: 'eerste|first|primeros|primeiros dag|dagen|day|days|dias hier|here|aqui' },
  { phrase: 'net|pas|just|only|recien|recem in|en|em|na de? town|stad' },
  { phrase: `alleen|slechts|enkel|maar|nog|only|just|solo|apenas|somente ${THIS} ${PERIOD}` },
  {
    phrase: `so ${THIS} ${PERIOD}`,
    verify: (text, start) => text.slice(start, start + 2).toLowerCase() === 'só',
  },
  { phrase: `${THIS} ${PERIOD} alleen|only|solo|solamente|apenas|slechts` },
  {
    phrase:
      'alleen|slechts|maar|enkel|nog|voor|only|just|for een|a? paar|few|couple of? dagen|days|dagjes',
    notNext: 'ago geleden',
  },
  { phrase: 'solo|por|apenas|durante|somente unos|uns|alguns|algunos|pocos|poucos dias' },
  { phrase: 'unos|algunos|uns|alguns dias aqui|en|em|na|no|in', notNext: IN_ADVANCE },
  { phrase: 'een|a paar|few|couple of? dagen|days hier|here|in', notNext: IN_ADVANCE },
  // A schedule, not a stay: "een paar dagen in de week", "alguns dias na semana".
  {
    phrase: 'dagen|days|dias in|per|na|a|de|por|each|every de|the|la? week|semana|maand|month|mes',
    stop: true,
  },
  {
    phrase:
      'laatste|last|ultimos|ultimas|ultimo|ultima dag|dagen|day|days|dias|kans|chance|oportunidad|oportunidade',
  },
  { phrase: 'laatste week' },
  { phrase: 'ultima|ultimo semana|finde' },
  { phrase: 'tour|tournee|touring|turne' },
  { phrase: 'en|de|on|op gira|tour|tournee' },
  // Spanish "de paso" alone is also "by the way": with a place, or said of herself.
  { phrase: 'de paso|passagem por|en|em|pela|pelo|na|no' },
  { phrase: 'estoy|estou|ando de paso|passagem' },
  { phrase: 'passing through' },
  { phrase: 'op|in doorreis' },
  { phrase: 'visiting|visitando @Cap' },
  { phrase: 'op|de|em|on|of bezoek|visita|visit in|en|em|a|to|aan|por @Cap' },
  { phrase: 'back|weer|terug|vuelta|volta in|en|em|a|to|na|no @Cap|town|stad' },
  { phrase: 'weer terug in|de? @Cap|stad' },
  { phrase: 'de vuelta|volta en|em|a|na|no la|a? @Cap|ciudad|cidade' },
  {
    phrase: `hier|here|aqui|alleen|only|solo|apenas|slechts tot|until|till|til|hasta|ate ${WEEKDAY}`,
  },
  { phrase: `tot|until|till|hasta|ate en|y|e? met|con|com? ${WEEKDAY} in|en|em|here|hier|aqui` },
  {
    phrase:
      'leaving|gone|weg|vertrek|vertrekt|vertrokken soon|binnenkort|snel|pronto|logo|sunday|zondag|tomorrow|morgen',
  },
  { phrase: 'binnenkort|soon weg|gone|vertrokken|leaving' },
  { phrase: 'me voy|marcho pronto|el|este|manana' },
  { phrase: 'vou embora' },
  { phrase: 'limited|beperkte time|tijd|stay|verblijf|periode|visit|bezoek' },
  // Not "short time" nor "kort bezoek": in these ads that is a quick booking.
  { phrase: 'short|kort|korte stay|verblijf' },
  { phrase: 'tiempo|tempo|temporada limitado|limitada' },
  { phrase: 'voor korte tijd' },
  { phrase: 'por poco|pouco tiempo|tempo' },
]);

// ---------------------------------------------------------------------------------------------
// Internal: words that invite a call. Not an indicator; whatsapp_only's fact check asks whether
// the ad offers a number to call. Through the matcher they get typo tolerance and negation
// ("niet bellen" invites no call).
// ---------------------------------------------------------------------------------------------

export const CALLING_CODE = '_calling';

const CALLING: PhraseRule[] = rules(CALLING_CODE, [
  {
    phrase:
      'bel|bellen|belt|beller|opbellen|call|phone|llama|llamame|llamar|llamanos|ligue|liga|ligar|ligacao|tel|telefoon|telefono|telefone|telefoneer',
  },
  { phrase: 'ring me' },
]);

/** Every wording rule of the ad-level indicators. */
export const AD_PHRASES: readonly PhraseRule[] = [
  ...CALLING,
  ...THIRD_PERSON,
  ...WHATSAPP_ONLY,
  ...YOUTH,
  ...ALL_HOURS,
  ...TRUST,
  ...MOVEMENT,
];
