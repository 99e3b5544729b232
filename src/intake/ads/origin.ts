import { foldWord, hashWord, type WordList, wordEquals, wordsOf } from './language.js';
import type { FoundOrigin } from './types.js';

/**
 * Stated origin: the nationality or ethnicity an ad gives, in Dutch, English, Spanish or
 * Portuguese, as ISO 3166-1 alpha-2 or a region code (`latina`, `african`, `asian`,
 * `eastern-european`).
 *
 * Decisions, briefly:
 * - Dutch "-e" adjectives ("Colombiaanse", "Hollandse") and the Spanish/Portuguese feminine
 *   forms ("colombiana", "brasileira") count wherever they stand: ads use them for the woman.
 * - Forms that are also a language, a sex act in ad slang, or something else count only next to a
 *   person ("Spaans meisje", "French girl", "Russian beauty") or after a word that says she is it
 *   ("ik ben Spaans", "real Russian", "hot Latin"). These are: Dutch base forms ("Spaans" is the
 *   language, and in ad slang a sex act), English "French"/"Greek"/"Russian"/"Spanish"/"Polish"/
 *   "Turkish"/"English" (slang for acts, or the language), "Latin", "black", "zwarte", "ebony" (also a first name), and the
 *   Spanish/Portuguese "cubana", "rusa", "francesa", "griega", "espanhola", "turca" (slang).
 * - Languages spoken are no origin: a form after "ik spreek", "I speak", "hablo", "Talen:",
 *   "Languages:" (with only other languages, commas and "and"/"en"/"y" between) or before
 *   "spoken"/"gesproken"/"speaking" is skipped. So "Talen: Nederlands, Engels, Spaans" gives none.
 * - A form followed by a service word is the service: "Thai massage", "Thaise massage", "French
 *   kiss", "Oosterse massage", "Griekse standje". "Grieks"/"Frans" alone are slang for acts and,
 *   being Dutch base forms, never count alone anyway.
 * - Country names count only after "uit", "from", "de", "da", "do", "desde", "din", "aus", or
 *   "born in"/"geboren in"/"nacida en"/"nascida em": "uit Colombia", "from Brazil", "de
 *   Venezuela". The span then includes the preposition.
 * - "exotisch"/"exotic"/"exótica", "European", "Caribbean", "mulata", "morena" (brunette) and
 *   "Antilliaanse" are not mapped: they do not say which country or region.
 * - Flag emoji are not read: ads use them for languages spoken as often as for origin.
 * Every occurrence is returned, in text order.
 */

/** A plain form counts anywhere; strict needs a person or an "I am" next to it; country a "from". */
type Kind = 'plain' | 'strict' | 'country';

/**
 * Per code: plain forms, strict forms, country names; comma-separated, accents optional (words
 * are compared folded). Multi-word entries are fine; a hyphen counts as a space.
 */
const DEMONYMS: readonly (readonly [
  code: string,
  plain: string,
  strict: string,
  countries: string,
])[] = [
  [
    'CO',
    'colombiaanse, colombian, colombiana, colombianas, colombiano, colombianos',
    'colombiaans',
    'colombia, colombië, colômbia',
  ],
  [
    'VE',
    'venezolaanse, venezuelan, venezolana, venezolanas, venezolano, venezuelana',
    'venezolaans',
    'venezuela',
  ],
  [
    'DO',
    'dominicaanse, dominican, dominicana, dominicanas, dominicano',
    'dominicaans',
    'santo domingo',
  ],
  [
    'BR',
    'braziliaanse, brazilian, brasileira, brasileiras, brasileña, brasileñas, brasilera, brasileiro, brasileño, brasiliana, brésilienne',
    'braziliaans',
    'brazilië, brazil, brasil, brésil',
  ],
  [
    'PY',
    'paraguayaanse, paraguayan, paraguaya, paraguayas, paraguayo, paraguaia',
    'paraguayaans',
    'paraguay, paraguai',
  ],
  [
    'RO',
    'roemeense, romanian, rumana, rumanas, romena, romenas, româncă',
    'roemeens',
    'roemenië, romania, rumania, românia, roménia, romênia, roumanie',
  ],
  [
    'HU',
    'hongaarse, hungarian, húngara, magyar',
    'hongaars',
    'hongarije, hungary, hungría, hungria, magyarország',
  ],
  ['BG', 'bulgaarse, bulgarian, búlgara', 'bulgaars', 'bulgarije, bulgaria, bulgária'],
  ['NG', 'nigeriaanse, nigerian, nigeriana', 'nigeriaans', 'nigeria'],
  [
    'ES',
    'spaanse, española, españolas',
    'spaans, spanish, espanhola',
    'spanje, spain, españa, espanha, espagne',
  ],
  [
    'TH',
    'thaise, thai, tailandesa, tailandesas, thaïlandaise',
    // Not "Thais": it folds to the name "Thaís".
    '',
    'thailand, tailandia, tailândia, thaïlande',
  ],
  [
    'NL',
    'nederlandse, hollandse, dutch, holandesa, holandesas, neerlandesa',
    'nederlands, hollands',
    'nederland, holland, netherlands, holanda, países bajos, países baixos, pays bas',
  ],
  [
    'PL',
    'poolse, polaca, polacas, polonesa',
    'pools, polish',
    'polen, poland, polonia, polônia, pologne',
  ],
  ['RU', 'russische', 'russisch, russian, rusa, russa', 'rusland, russia, rusia, rússia, russie'],
  [
    'UA',
    'oekraïense, ukrainian, ucraniana, ucranianas',
    'oekraïens',
    'oekraïne, ukraine, ucrania, ucrânia',
  ],
  ['CU', 'cubaanse, cuban', 'cubaans, cubana', 'cuba'],
  ['PE', 'peruaanse, peruvian, peruana, peruanas', 'peruaans', 'peru, perú, pérou'],
  ['EC', 'ecuadoraanse, ecuadorian, ecuatoriana, equatoriana', 'ecuadoraans', 'ecuador, equador'],
  ['AR', 'argentijnse, argentinian, argentine, argentina, argentinas', 'argentijns', 'argentinië'],
  ['MX', 'mexicaanse, mexican, mexicana, mexicanas', 'mexicaans', 'mexico, méxico, mexique'],
  ['CL', 'chileense, chilean, chilena', 'chileens', 'chili, chile'],
  ['BO', 'boliviaanse, bolivian, boliviana', 'boliviaans', 'bolivia'],
  ['UY', 'uruguayaanse, uruguayan, uruguaya, uruguaia', 'uruguayaans', 'uruguay, uruguai'],
  ['CR', 'costa ricaanse, costa rican, costarricense', 'costa ricaans', 'costa rica'],
  ['HN', 'hondurese, honduran, hondureña', 'hondurees', 'honduras'],
  ['GT', 'guatemalteekse, guatemalan, guatemalteca', 'guatemalteeks', 'guatemala'],
  ['NI', 'nicaraguaanse, nicaraguan, nicaragüense', 'nicaraguaans', 'nicaragua'],
  ['SV', 'salvadoraanse, salvadoran, salvadoreña', 'salvadoraans', 'el salvador'],
  ['PA', 'panamese, panamanian, panameña', 'panamees', 'panama'],
  ['PR', 'puerto ricaanse, puerto rican, puertorriqueña', 'puerto ricaans', 'puerto rico'],
  ['JM', 'jamaicaanse, jamaican, jamaicana', 'jamaicaans', 'jamaica'],
  ['HT', 'haïtiaanse, haitian, haitiana', 'haïtiaans', 'haïti'],
  [
    'IT',
    'italiaanse, italian, italiana, italianas, italienne',
    'italiaans',
    'italië, italy, italia, italie',
  ],
  [
    'DE',
    'duitse, german, alemana, alemã, allemande',
    'duits',
    'duitsland, germany, alemania, alemanha, allemagne',
  ],
  ['FR', 'franse, française', 'frans, french, francesa', 'frankrijk, france, francia, frança'],
  ['PT', 'portugese, portuguese, portuguesa', 'portugees', 'portugal'],
  [
    'GB',
    'engelse, britse, british, inglesa, británica, britânica, anglaise',
    'engels, english, brits',
    'engeland, england, united kingdom, verenigd koninkrijk, reino unido, uk',
  ],
  ['CZ', 'tsjechische, czech, checa, tcheca', 'tsjechisch', 'tsjechië, czechia, república checa'],
  ['SK', 'slowaakse, slovak, slovakian, eslovaca', 'slowaaks', 'slowakije, slovakia, eslovaquia'],
  ['LT', 'litouwse, lithuanian, lituana', 'litouws', 'litouwen, lithuania, lituania'],
  ['LV', 'letse, latvian, letona', 'lets', 'letland, latvia, letonia'],
  ['EE', 'estse, estonian', 'ests', 'estland, estonia'],
  ['MD', 'moldavische, moldovan, moldavian, moldava', 'moldavisch', 'moldavië, moldova, moldavia'],
  ['AL', 'albanese, albanian, albanesa', 'albanees', 'albanië, albania'],
  ['RS', 'servische, serbian', 'servisch', 'servië, serbia'],
  ['HR', 'kroatische, croatian, croata', 'kroatisch', 'kroatië, croatia, croacia'],
  ['GR', 'griekse', 'grieks, greek, griega, grega', 'griekenland, greece, grecia, grécia, grèce'],
  [
    'BY',
    'wit-russische, belarusian, bielorrusa',
    'wit-russisch',
    'wit-rusland, belarus, bielorrusia',
  ],
  ['CN', 'chinese', 'chinees, china', ''],
  ['JP', 'japanse, japanese, japonesa', 'japans', 'japan, japón, japão'],
  ['VN', 'vietnamese, vietnamita', 'vietnamees', 'vietnam'],
  ['PH', 'filipijnse, filipina, filipino', 'filipijns', 'filipijnen, philippines, filipinas'],
  ['ID', 'indonesische, indonesian', 'indonesisch', 'indonesië, indonesia'],
  ['KR', 'koreaanse, korean, coreana', 'koreaans', 'korea, corea, zuid-korea, south korea'],
  ['IN', 'indiase, indian', 'indiaas', 'india'],
  ['GH', 'ghanese, ghanaian, ganesa', 'ghanees', 'ghana'],
  ['KE', 'keniaanse, kenyan, keniana', 'keniaans', 'kenia, kenya'],
  ['CM', 'kameroense, cameroonian, camerunesa', 'kameroens', 'kameroen, cameroon, camerún'],
  ['UG', 'oegandese, ugandan', 'oegandees', 'oeganda, uganda'],
  ['ET', 'ethiopische, ethiopian, etíope', 'ethiopisch', 'ethiopië, ethiopia, etiopía'],
  ['ER', 'eritrese, eritrean', 'eritrees', 'eritrea'],
  ['SL', 'sierra leoonse, sierra leonean', '', 'sierra leone'],
  [
    'MA',
    'marokkaanse, moroccan, marroquí, marroquina',
    'marokkaans',
    'marokko, morocco, marruecos, marrocos',
  ],
  ['TR', 'turkse', 'turks, turkish, turca', 'turkije, turkey, turquía, turquia'],
  ['EG', 'egyptische, egyptian, egipcia', 'egyptisch', 'egypte, egypt, egipto'],
  ['SR', 'surinaamse, surinamese, surinamesa', 'surinaams', 'suriname'],
  ['BE', 'belgische, belgian, belga', 'belgisch', 'belgië, belgium, bélgica, belgique'],
  [
    'latina',
    'latina, latinas, latijnse, latijns-amerikaanse, latijnsamerikaanse, latinoamericana, latino-americana, latin american, latine',
    'latin, latino, latijns',
    '',
  ],
  [
    'african',
    'afrikaanse, african, africana, africanas, africaine',
    // "Ebony" is also a first name: see NAME_LIKE.
    'afrikaans, black, zwarte, ebony',
    '',
  ],
  [
    'asian',
    'aziatische, asian, asiática, asiatique, oriental, orientale, oosterse, oriëntaalse',
    'aziatisch, oosters',
    '',
  ],
  [
    'eastern-european',
    'oost-europese, oosteuropese, eastern european, east european, europea del este, europa del este, leste europeu, est-européenne',
    'oost-europees',
    '',
  ],
];

/** Words that, next to a form, make it a person: "Spaans meisje", "French girl", "chica cubana". */
const PERSON_NOUNS = words(`
  meisje meisjes meid meiden meidje dame dames vrouw vrouwen vrouwtje schoonheid schoonheden schatje
  poppetje studente model escort prinses godin bloed temperament type babe babes girl girls lady
  ladies woman women beauty beauties chick queen goddess princess student milf teen tiener rose
  blonde brunette bombshell mama mami mamacita chica chicas mujer mujeres nena nenas belleza diosa
  princesa modelo muneca senorita dama menina meninas mulher mulheres garota garotas gata gatinha
  morena morenas loira rubia ragazza femme fille`);

/**
 * Words that, right before a form, say she is it: "ik ben Spaans", "I'm Russian" ("m" is what
 * is left of "I'm" once the apostrophe splits it).
 */
const BE_CUES = words('ben bent is am im m zijn soy sou es eres sono');
/** Words that, right before a form, describe her as it: "real Russian", "hot Latin". */
const DESCRIPTIVE_CUES = words(`
  echte echt real puur pure pura 100 autentica
  autentico authentic genuine true native nativa legitima originele original mooie mooi
  beautiful hermosa linda bella bonita preciosa heet hete hot sexy caliente ardiente quente
  gostosa exotic exotische exotica sweet lieve lief zoete dulce doce jonge jong young joven jovem
  nieuwe new nueva nova petite leuke ondeugende naughty traviesa safada geile horny`);

/** Strict forms that are also first names, so "I'm Ebony" is a name, not an origin. */
const NAME_LIKE = new Set(['ebony']);

/** Words after a form that make it a service, not an origin: "Thai massage", "French kiss". */
const SERVICE_WORDS = words(`
  massage massages masseuse masaje masajes massagem massagens kiss kisses kissing kus kussen zoen
  zoenen style stijl standje standjes seks sex beso besos beijo food eten keuken cuisine bath bad
  boxing`);

/** Before a languages list: "ik spreek", "Talen:", "I speak", "hablo", "Idiomas:". */
const LANGUAGE_CUES = words(`
  spreek spreken spreekt talen taal speak speaks languages language idiomas idioma hablo habla
  hablamos falo fala falamos linguas lingua sprachen spreche parle parlo vorbesc beszelek mowie`);

/** After a form (maybe past a list): "Spanish spoken", "Spaans sprekend", "English speaking". */
const SPOKEN_WORDS = words(`
  spoken gesproken sprekend sprekende speaking speaker talig taal language idioma lingua hablante
  falante vloeiend fluent`);

/** What a languages list holds besides the languages themselves. */
const LANGUAGE_LIST_WORDS = words(`
  en and y e und et a an een beetje little bit bisschen un poco pouco vloeiend fluent fluently
  goed good well bien bem perfect perfecto native moedertaal basic basis ook also tambien tambem
  wat some mi my ik i nederlands engels spaans portugees frans duits italiaans roemeens russisch
  pools hongaars bulgaars arabisch turks thais chinees papiaments english dutch spanish
  portuguese french german italian romanian russian polish hungarian bulgarian arabic turkish
  thai chinese ingles espanol castellano portugues frances aleman italiano rumano ruso polaco
  hungaro arabe holandes neerlandes espanhol alemao romeno russo polones`);

/** Before a country name: "uit Colombia", "from Brazil", "de Venezuela", "born in Spain". */
const FROM_WORDS = words('uit from de da do desde din aus');
const BORN_WORDS = words('born geboren nacida nacido nascida nascido');
const BORN_IN_WORDS = words('in en em no na');
const ARTICLES = words('de the la el o a');

/**
 * A set of context words by hash. Not confirmed against the text: a collision (odds about one
 * in 10^8 per word) could only tip a context decision, never make a form match.
 */
function words(list: string): Set<number> {
  return new Set(
    list
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => hashWord(foldWord(w))),
  );
}

interface LexiconEntry {
  code: string;
  kind: Kind;
  /** The folded words of the form; the first is the lexicon key. */
  words: string[];
  /** Their hashes, to compare the following words cheaply. */
  hashes: number[];
}

/** First word's hash → the forms that start with it, longest first. */
const LEXICON = new Map<number, LexiconEntry[]>();
/** Low 16 bits of every first-word hash: most words are ruled out here, before the Map. */
const MAYBE_FORM = new Uint8Array(0x10000);

for (const [code, plain, strict, countries] of DEMONYMS) {
  const add = (forms: string, kind: Kind) => {
    for (const form of forms.split(',')) {
      const parts = foldWord(form.trim())
        .split(/[\s-]+/)
        .filter((p) => p !== '');
      if (parts.length === 0) continue;
      const entry: LexiconEntry = { code, kind, words: parts, hashes: parts.map(hashWord) };
      const key = entry.hashes[0]!;
      const entries = LEXICON.get(key) ?? [];
      entries.push(entry);
      entries.sort((a, b) => b.words.length - a.words.length);
      LEXICON.set(key, entries);
      MAYBE_FORM[key & 0xffff] = 1;
    }
  };
  add(plain, 'plain');
  add(strict, 'strict');
  add(countries, 'country');
}

/** The words of the text being read (set by findOrigins; the helpers below read it). */
let list: WordList;

/** Whether the text between two words ends a sentence (so context does not carry over). */
function sentenceBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? ; newline
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a) return true;
  }
  return false;
}

/** Word index before `i` in the same sentence, or -1. */
function previousWord(text: string, i: number): number {
  if (i <= 0 || sentenceBreak(text, list.ends[i - 1]!, list.starts[i]!)) return -1;
  return i - 1;
}

/** Word index after `i` (the last word of a form) in the same sentence, or -1. */
function nextWord(text: string, i: number): number {
  if (i + 1 >= list.count || sentenceBreak(text, list.ends[i]!, list.starts[i + 1]!)) return -1;
  return i + 1;
}

function has(set: Set<number>, i: number): boolean {
  return i >= 0 && set.has(list.hashes[i]!);
}

/** A form inside a languages list: "ik spreek Engels en Spaans", "Spanish and English spoken". */
function isLanguageSpoken(text: string, first: number, last: number): boolean {
  for (let i = previousWord(text, first), steps = 0; i >= 0 && steps < 8; steps++) {
    if (has(LANGUAGE_CUES, i)) return true;
    if (!has(LANGUAGE_LIST_WORDS, i)) break;
    i = previousWord(text, i);
  }
  for (let i = nextWord(text, last), steps = 0; i >= 0 && steps < 8; steps++) {
    if (has(SPOKEN_WORDS, i)) return true;
    if (!has(LANGUAGE_LIST_WORDS, i)) break;
    i = nextWord(text, i);
  }
  return false;
}

/**
 * Whether a form at words first..last is a stated origin, by its kind and its neighbours: the
 * index of the word its span starts at (a country's "from"), or -1.
 */
function accept(text: string, entry: LexiconEntry, first: number, last: number): number {
  const before = previousWord(text, first);
  const after = nextWord(text, last);
  if (entry.kind === 'country') {
    const beforeArticle = has(ARTICLES, before) ? previousWord(text, before) : -1;
    if (has(FROM_WORDS, beforeArticle)) return beforeArticle;
    if (has(FROM_WORDS, before)) return before;
    const beforeIn = has(BORN_IN_WORDS, before) ? previousWord(text, before) : -1;
    return has(BORN_WORDS, beforeIn) ? beforeIn : -1;
  }
  if (has(SERVICE_WORDS, after)) return -1;
  if (isLanguageSpoken(text, first, last)) return -1;
  if (entry.kind === 'plain') return first;
  // Strict: a person right after (maybe past one adjective) or right before ("chica cubana"),
  // or an "I am"/"real"/"hot" before.
  const afterNext = after >= 0 ? nextWord(text, after) : -1;
  if (has(PERSON_NOUNS, after) || has(PERSON_NOUNS, afterNext) || has(PERSON_NOUNS, before))
    return first;
  if (has(DESCRIPTIVE_CUES, before)) return first;
  // After "I am", a name-like form is her name: "I'm Ebony".
  return has(BE_CUES, before) && !NAME_LIKE.has(entry.words[0]!) ? first : -1;
}

/** Stated nationalities and ethnicities, in text order. */
export function findOrigins(text: string): FoundOrigin[] {
  const found: FoundOrigin[] = [];
  list = wordsOf(text);
  const { count, hashes, starts, ends } = list;
  for (let i = 0; i < count; i++) {
    if (MAYBE_FORM[hashes[i]! & 0xffff] === 0) continue;
    const entries = LEXICON.get(hashes[i]!);
    if (entries === undefined) continue;
    for (const entry of entries) {
      const n = entry.words.length;
      if (i + n > count) continue;
      let matches = true;
      for (let k = 0; k < n && matches; k++) {
        matches =
          hashes[i + k] === entry.hashes[k] &&
          wordEquals(text, starts[i + k]!, ends[i + k]!, entry.words[k]!) &&
          (k === 0 || !sentenceBreak(text, ends[i + k - 1]!, starts[i + k]!));
      }
      if (!matches) continue;
      const last = i + n - 1;
      const from = accept(text, entry, i, last);
      if (from >= 0) {
        found.push({ start: starts[from]!, end: ends[last]!, code: entry.code });
        i = last;
      }
      break;
    }
  }
  return found;
}
