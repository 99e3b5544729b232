import {
  foldWord,
  hashRange,
  hashWord,
  isWordChar,
  wordBefore,
  wordEquals,
  wordsOf,
} from './language.js';
import type { FoundService } from './types.js';

/**
 * Services an ad offers, as codes from SERVICES, read in Dutch, English, Spanish and Portuguese
 * (and the odd German or Romanian term). Negated mentions are left out: "geen anaal", "no anal",
 * "nada de anal", "anaal: nee", "anal ❌", "Geen: anaal, zoenen", "alles behalve anaal". Every
 * other mention is returned, in text order, so repeated ones each keep their evidence.
 *
 * Decisions, briefly:
 * - "unprotected" is an exploitation indicator, so it is read narrowly: "zonder condoom",
 *   "zonder bescherming", and bare "zonder" only where it ends a phrase or comes with "mogelijk",
 *   "kan", "ook", "extra", a price ("ook zonder", "AV en zonder mogelijk"); "zonder afspraak" or
 *   "zonder haast" are not services. "nooit zonder", "niet zonder", "altijd met condoom", "alleen
 *   veilig", "safe sex only", "siempre con condón" are "protected", and so never "unprotected".
 * - "AV" is "anaal verkeer" (anal) in Dutch ad slang, as "GV" is intercourse; in "AV en zonder"
 *   the unprotected part is "zonder". Slang: "Grieks"/"Greek"/"griego"/"grego" = anal, "Frans"/
 *   "French"/"francés" = oral, "natuur"/"natural" = without condom, "beso negro"/"beijo grego" =
 *   rimming; "Frans"/"French"/"francés" in a languages list ("ik spreek Frans") are not services.
 * - Kissing is only read where it is clearly a service ("zoenen", "kissing", "besos en la boca"):
 *   "Kusjes", "Kisses", "Besos", "Beijos" close half of all ads.
 * - Availability is no service: "dag en nacht", "'s nachts", "24/7" are not "overnight".
 * - "Escort" (the word) and hotel visits are outcall; "ontvangst", "privé ontvangst", "mijn
 *   appartement" are incall.
 */

export const SERVICES: readonly { code: string; nl: string; en: string }[] = [
  { code: 'gfe', nl: 'Vriendinnenervaring (GFE)', en: 'Girlfriend experience (GFE)' },
  { code: 'pse', nl: 'Pornoster-ervaring (PSE)', en: 'Porn star experience (PSE)' },
  { code: 'massage', nl: 'Massage', en: 'Massage' },
  { code: 'erotic-massage', nl: 'Erotische massage', en: 'Erotic massage' },
  { code: 'handjob', nl: 'Aftrekken', en: 'Handjob' },
  { code: 'oral', nl: 'Pijpen (oraal)', en: 'Oral' },
  { code: 'oral-unprotected', nl: 'Pijpen zonder condoom', en: 'Oral without condom' },
  { code: 'cim', nl: 'Klaarkomen in de mond', en: 'Cum in mouth' },
  { code: 'unprotected', nl: 'Zonder condoom', en: 'Without condom' },
  { code: 'protected', nl: 'Alleen met condoom', en: 'Condom only' },
  { code: 'no-limits', nl: 'Alles kan (geen grenzen)', en: 'No limits' },
  { code: 'anal', nl: 'Anaal', en: 'Anal' },
  { code: 'rimming', nl: 'Beffen anaal (rimming)', en: 'Rimming' },
  { code: 'kissing', nl: 'Zoenen', en: 'Kissing' },
  { code: 'french-kissing', nl: 'Tongzoenen', en: 'French kissing' },
  { code: 'dominance', nl: 'Dominant', en: 'Dominance' },
  { code: 'bdsm', nl: 'BDSM / fetisj', en: 'BDSM / fetish' },
  { code: 'striptease', nl: 'Striptease', en: 'Striptease' },
  { code: 'toys', nl: 'Speeltjes', en: 'Toys' },
  { code: 'couples', nl: 'Stellen', en: 'Couples' },
  { code: 'duo', nl: 'Duo / trio', en: 'Duo / threesome' },
  { code: 'outcall', nl: 'Escort (thuis- of hotelbezoek)', en: 'Outcall' },
  { code: 'incall', nl: 'Privé ontvangst', en: 'Incall' },
  { code: 'overnight', nl: 'Hele nacht', en: 'Overnight' },
  { code: '69', nl: '69', en: '69' },
];

/**
 * [code, trigger words, pattern]. A pattern is tried where one of its trigger words starts and
 * must begin with it; within a trigger word, rules are tried in this order, so the specific come
 * first ("pijpen zonder" before "pijpen", "nooit zonder" before "zonder").
 */
const RULES: readonly (readonly [code: string, triggers: string, pattern: string])[] = [
  // experiences
  [
    'gfe',
    'gfe girlfriend vriendinnen vriendin vriendinnenervaring vriendinervaring experiencia trato namoradinha',
    String.raw`(?:gfe|girlfriend\s*(?:experience|feeling)|vriendin(?:nen)?\s*ervaring|experiencia\s+de\s+novia|trato\s+de\s+novia|experi[eê]ncia\s+de\s+namorada|namoradinha)(?![\p{L}])`,
  ],
  [
    'pse',
    'pse porn pornstar',
    String.raw`(?:pse|porn\s*star\s+(?:experience|ervaring))(?![\p{L}])`,
  ],

  // protected
  [
    'protected',
    'nooit niet never not nunca no nao',
    String.raw`(?:nooit|niet|never|not|nunca|no|n[aã]o)\s+(?:zonder|without|sin|sem)(?:\s+(?:condoom|condooms|bescherming|a\s+condom|condoms?|protection|cond[oó]n|preservativo|protecci[oó]n|camisinha|prote[cç][aã]o))?(?![\p{L}])`,
  ],
  [
    'protected',
    'altijd alleen uitsluitend',
    String.raw`(?:altijd|alleen|uitsluitend)\s+(?:met\s+(?:condoom|bescherming)|veilig(?:\s+(?:vrijen|seks|sex))?)(?![\p{L}])`,
  ],
  ['protected', 'veilig veilige', String.raw`veilige?\s+(?:vrijen|seks|sex)(?![\p{L}])`],
  [
    'protected',
    'only always',
    String.raw`(?:only|always)\s+(?:safe(?:\s+sex)?|with\s+(?:a\s+)?(?:condom|protection)|protected)(?![\p{L}])`,
  ],
  ['protected', 'safe', String.raw`safe\s+(?:sex|only)(?:\s+only)?(?![\p{L}])`],
  [
    'protected',
    'siempre solo',
    String.raw`(?:siempre|s[oó]lo)\s+con\s+(?:cond[oó]n|preservativo|protecci[oó]n)(?![\p{L}])`,
  ],
  ['protected', 'sexo', String.raw`sexo\s+seguro(?![\p{L}])`],
  [
    'protected',
    'sempre so',
    String.raw`(?:sempre|s[oó])\s+com\s+(?:camisinha|preservativo|prote[cç][aã]o)(?![\p{L}])`,
  ],
  ['protected', 'met', String.raw`met\s+(?:condoom|bescherming)(?![\p{L}])`],
  ['protected', 'with', String.raw`with\s+(?:a\s+)?(?:condom|protection)(?![\p{L}])`],
  ['protected', 'con', String.raw`con\s+(?:cond[oó]n|preservativo)(?![\p{L}])`],
  ['protected', 'com', String.raw`com\s+(?:camisinha|preservativo)(?![\p{L}])`],

  // unprotected (before no-limits: "alles zonder" before "alles kan")
  ['unprotected', 'alles', String.raw`alles\s+(?:zonder|natuur)(?![\p{L}])`],
  [
    'unprotected',
    'zonder',
    String.raw`zonder\s+(?:condoom|condooms|bescherming|rubber|kapje)(?![\p{L}])`,
  ],
  [
    'unprotected',
    'zonder',
    // Bare "zonder" only where it ends a phrase or comes with "possible", "also", a price.
    String.raw`zonder(?=\s*(?:$|[.,!?;:)(\n\-–+€\d]|\p{Extended_Pictographic}|(?:mogelijk|kan|ok|oke|oké|graag|extra|en|of|ook|is|voor|bij|mag)(?![\p{L}])))`,
  ],
  ['unprotected', 'bareback bbfs', String.raw`(?:bareback(?:ing)?|bbfs)(?![\p{L}])`],
  [
    'unprotected',
    'without',
    String.raw`without\s+(?:a\s+)?(?:condoms?|protection|rubber)(?![\p{L}])`,
  ],
  ['unprotected', 'no', String.raw`no\s+condoms?(?![\p{L}])`],
  ['unprotected', 'unprotected', String.raw`unprotected(?![\p{L}])`],
  [
    'unprotected',
    'sin',
    String.raw`sin\s+(?:cond[oó]n|condones|preservativos?|protecci[oó]n|goma|gomita)(?![\p{L}])`,
  ],
  ['unprotected', 'a', String.raw`a\s+pelo(?![\p{L}])`],
  [
    'unprotected',
    'completo sexo todo follar',
    String.raw`(?:completo|sexo|todo|follar)\s+(?:al\s+)?natural(?![\p{L}])`,
  ],
  [
    'unprotected',
    'sem',
    String.raw`sem\s+(?:camisinha|preservativo|prote[cç][aã]o|capa|capinha)(?![\p{L}])`,
  ],
  [
    'unprotected',
    'natuur natural',
    String.raw`(?:natuur|natural)\s+(?:gv|neuken|seks|sex|sexo)(?![\p{L}])`,
  ],
  [
    'unprotected',
    'gv neuken seks sex',
    String.raw`(?:gv|neuken|seks|sex)\s+(?:natuur|zonder)(?![\p{L}])`,
  ],
  ['unprotected', 'creampie', String.raw`creampies?(?![\p{L}])`],
  ['unprotected', 'ohne', String.raw`ohne\s+(?:gummi|kondom)(?![\p{L}])`],

  // no-limits
  [
    'no-limits',
    'alles',
    String.raw`alles\s+(?:kan|mag|is\s+mogelijk|mogelijk|bespreekbaar)(?![\p{L}])`,
  ],
  [
    'no-limits',
    'everything anything',
    String.raw`(?:everything|anything)\s+(?:possible|goes|is\s+possible)(?![\p{L}])`,
  ],
  ['no-limits', 'no', String.raw`no\s+(?:limits?|taboos?)(?![\p{L}])`],
  [
    'no-limits',
    'geen zonder',
    String.raw`(?:geen|zonder)\s+(?:taboes?|taboos?|grenzen|limieten)(?![\p{L}])`,
  ],
  ['no-limits', 'sin sem', String.raw`(?:sin|sem)\s+(?:l[ií]mites?|tab[uú](?:es|s)?)(?![\p{L}])`],

  // oral without condom (before oral)
  [
    'oral-unprotected',
    'pijpen blowjob bj frans oraal oral frances mamada mamadas boquete',
    String.raw`(?:pijpen|blowjob|bj|frans|oraal|oral|franc[eé]s|mamadas?|boquete)\s+(?:zonder|natuur|without|natural|naturel|bare|sin|sem)(?:\s+(?:condoom|condom|cond[oó]n|preservativo|camisinha|capa|bescherming|protection))?(?![\p{L}])`,
  ],
  [
    'oral-unprotected',
    'natuur naturel natural',
    String.raw`(?:natuur|naturel|natural)\s+(?:pijpen|frans|bj|blowjob|oral)(?![\p{L}])`,
  ],
  ['oral-unprotected', 'bbbj bbj owo', String.raw`(?:bbbj|bbj|owo)(?![\p{L}])`],

  // rimming (before anal: "anaal beffen")
  [
    'rimming',
    'rimming rimjob rim anilingus beffen anaal beso besito beijo kontlikken anus',
    String.raw`(?:rimming|rimjob|rim\s+job|anilingus|beffen\s+anaal|anaal\s+beffen|(?:beso|besito)\s+negro|beijo\s+grego|kontlikken|anus\s+likken)(?![\p{L}])`,
  ],

  // kissing, French kissing (before oral: "Frans zoenen", "French kiss")
  [
    'french-kissing',
    'tongzoen tongzoenen tongzoens french frans franse deep dfk fk beso besos beijo beijos zungenkuss zungenkusse',
    String.raw`(?:tongzoen(?:en|s)?|french\s+kiss(?:ing|es)?|frans\s+zoenen|franse\s+zoen(?:en)?|deep\s+kiss(?:ing)?|dfk|fk|besos?\s+con\s+lengua|besos?\s+franc[eé]s(?:es)?|beijos?\s+de\s+l[ií]ngua|zungenk[uü]sse?)(?![\p{L}])`,
  ],
  [
    'kissing',
    'zoenen zoent kissing kiss kisses besos besar beijo beijos beijar kussen',
    String.raw`(?:zoenen|zoent|kissing|kiss(?:es)?\s+on\s+the\s+(?:mouth|lips)|besos\s+en\s+la\s+boca|besar|beijos?\s+na\s+boca|beijar|kussen\s+op\s+de\s+mond)(?![\p{L}])`,
  ],

  // oral
  [
    'oral',
    'pijpen pijpbeurt blowjob blowjobs bj oraal orale oral mamada mamadas boquete fellatio felacao fellation',
    String.raw`(?:pijpen|pijpbeurt|blowjobs?|bj|oraal|orale\s+(?:seks|sex)|oral(?:\s+sex)?|mamadas?|boquete|fellatio|fela[cç][aã]o|fellation)(?![\p{L}])`,
  ],
  // Slang for oral; not in a languages list, not "French girl" (that is origin.ts's).
  [
    'oral',
    'frans french frances',
    String.raw`(?<!(?:spreek|spreken|speak|talen|languages?|hablo|idiomas?|falo)\b[^.!?\n]{0,40})(?:frans|french|franc[eé]s)(?![\p{L}])(?!\s+(?:girl|lady|woman|beauty|babe|model|escort|student|meisje|meid|dame|vrouw|schoonheid|chica|mujer)(?![\p{L}]))`,
  ],

  // cum in mouth
  [
    'cim',
    'cim klaarkomen in cum corrida gozada leche spuiten',
    String.raw`(?:cim|klaarkomen\s+in\s+(?:de\s+|je\s+|mijn\s+|m'n\s+)?mond|in\s+(?:de\s+)?mond\s+klaarkomen|cum\s+in\s+(?:the\s+)?mouth|corrida\s+en\s+(?:la\s+)?boca|gozada\s+na\s+boca|leche\s+en\s+la\s+boca|spuiten\s+in\s+(?:de\s+|je\s+)?mond)(?![\p{L}])`,
  ],

  // anal (Greek/Grieks/griego/grego is anal in ad slang)
  [
    'anal',
    'anaal anal anale av grieks griego grego sexo',
    String.raw`(?:anaal|anal(?:\s+sex|\s+seks)?|anale\s+(?:seks|sex)|av|grieks|griego|grego|sexo\s+anal)(?![\p{L}])`,
  ],
  [
    'anal',
    'greek',
    String.raw`greek(?![\p{L}])(?!\s+(?:girl|lady|woman|beauty|babe|model|escort|student|food|salad)(?![\p{L}]))`,
  ],
  ['anal', 'a', String.raw`a\s+la\s+griega(?![\p{L}])`],

  // massage
  [
    'erotic-massage',
    'erotische erotic sensuele sensual tantra tantrische tantric nuru body lingam yoni prostaat prostate',
    String.raw`(?:erotische|erotic|sensuele|sensual|tantra|tantrische|tantric|nuru|body\s*(?:to|2)\s*body|lingam|yoni|prostaat|prostate)[\s-]*massages?(?![\p{L}])`,
  ],
  [
    'erotic-massage',
    'masaje masajes',
    String.raw`masajes?\s+(?:er[oó]tic[oa]s?|t[aá]ntric[oa]s?|sensual(?:es)?|con\s+final\s+feliz)(?![\p{L}])`,
  ],
  [
    'erotic-massage',
    'massagem massagens',
    String.raw`massage(?:m|ns)\s+(?:er[oó]ticas?|t[aâ]ntricas?|sensual|sensuais)(?![\p{L}])`,
  ],
  [
    'erotic-massage',
    'massage massages',
    String.raw`massages?\s+(?:met|with)\s+(?:een\s+|a\s+)?happy\s+end(?:ing)?(?![\p{L}])`,
  ],
  [
    'erotic-massage',
    'happy tantra tantric nuru bodyslide body b2b prostaatmassage',
    String.raw`(?:happy\s+end(?:ing)?|tantra|tantric|nuru|bodyslide|body\s*(?:to|2)\s*body|b2b|prostaatmassage)(?![\p{L}])`,
  ],
  [
    'massage',
    'massage massages masaje masajes massagem massagens massaggio',
    String.raw`(?:massages?|masajes?|massage(?:m|ns)|massaggio)(?![\p{L}])`,
  ],
  [
    'handjob',
    'handjob hand hj aftrekken afrukken handontspanning paja pajas punheta handentspannung',
    String.raw`(?:handjob|hand\s*job|hj|aftrekken|afrukken|handontspanning|pajas?|punheta|handentspannung)(?![\p{L}])`,
  ],

  // kinks
  [
    'dominance',
    'dominant dominante dominantie dominatrix domina dominance domination dominacion dominacao meesteres mistress femdom',
    String.raw`(?:dominant(?:e|ie)?|dominatrix|domina|dominance|domination|dominaci[oó]n|domina[cç][aã]o|meesteres|mistress|femdom)(?![\p{L}])`,
  ],
  [
    'bdsm',
    'bdsm bondage sm s sado sadomaso sadomasochisme sadomasoquismo fetisj fetish fetishes fetiche onderdanig submissive sumisa submissa spanking billenkoek',
    String.raw`(?:bdsm|bondage|sm|s\s*[&/]\s*m|sado(?:maso(?:chisme)?)?|sadomasoquismo|fetisj|fetish(?:es)?|fetiche|onderdanig|submissive|sumisa|submissa|spanking|billenkoek)(?![\p{L}])`,
  ],
  [
    'striptease',
    'striptease stripshow strip lap lapdance paaldans paaldansen pole estriptis striptis',
    String.raw`(?:striptease|stripshow|strip\s+(?:tease|show)|lap\s*dance|paaldans(?:en)?|pole\s*dance|estriptis|striptis)(?![\p{L}])`,
  ],
  [
    'toys',
    'speeltjes seksspeeltjes sexspeeltjes sex toys vibrator dildo strap strapon juguetes brinquedos vibrador consolador',
    String.raw`(?:(?:seks|sex)?speeltjes|sex\s*toys?|toys|vibrator|dildo|strap\s*-?\s*on|juguetes|brinquedos|vibrador|consolador)(?![\p{L}])`,
  ],

  // company
  [
    'couples',
    'koppel koppels stelletjes stellen couple couples pareja parejas casais casal',
    String.raw`(?:koppels?|stelletjes|(?<=(?:ook|voor)\s+)stellen|stellen(?=\s+(?:welkom|ook|mogelijk)(?![\p{L}]))|couples?(?!\s+of(?![\p{L}]))|parejas?|casais|casal)(?![\p{L}])`,
  ],
  [
    'duo',
    'duo duos trio trios threesome 3some lesbo lesbian lesbische met with con com 2 twee dos duas',
    String.raw`(?:duo(?:'s|s)?|trio(?:'s|s)?|threesome|3some|lesbo\s*show|lesbian\s*show|lesbische\s+show|(?:met|with|con|com)\s+(?:een\s+|haar\s+|my\s+|her\s+|a\s+|mi\s+|su\s+|minha\s+|uma\s+)?(?:vriendin|girlfriend|friend|amiga|amiguita)|2\s+(?:girls|meiden|chicas|meninas)|twee\s+meiden|dos\s+chicas|duas\s+meninas)(?![\p{L}])`,
  ],

  // where
  [
    'outcall',
    'atendo',
    String.raw`atendo\s+em\s+(?:hot[eé]is|hotel|mot[eé]is|domic[ií]lio)(?![\p{L}])`,
  ],
  [
    'outcall',
    'escort escortservice outcall out thuisbezoek thuisbezoeken hotelbezoek hotelbezoeken hotel hotels hoteles hoteis domicilio domicilios salida salidas kom hausbesuch hausbesuche deplasari',
    String.raw`(?:escort(?:service)?|outcall|out\s*-?\s*call|thuisbezoek(?:en)?|hotelbezoek(?:en)?|hotel(?:s|es)?|hot[eé]is|domicilios?|salidas?|kom\s+(?:naar\s+(?:je|jou)\s+toe|bij\s+(?:je|jou))|hausbesuche?|deplas[aă]ri)(?![\p{L}])`,
  ],
  [
    'incall',
    'prive ontvangst ontvang ontvangen ontvangt incall in privehuis eigen mi meu local my apartment apartments appartement apartamento recibo atendo',
    String.raw`(?:priv[eé]\s*-?\s*ontvangst|ontvangst|ontvang(?:en|t)?|incall|in\s*-?\s*call|priv[eé]huis|eigen\s+(?:woning|appartement|kamer|huis)|mi\s+(?:piso|apartamento|departamento|casa)|meu\s+(?:apartamento|ap[eê])|local\s+pr[oó]prio|my\s+(?:place|apartment|flat)|apartments?|appartement|apartamento|recibo|atendo\s+em\s+(?:apartamento|local))(?![\p{L}])`,
  ],
  [
    'overnight',
    'hele halve overnight overnights overnighter overnachting overnachtingen nachtje per full whole toda noche pernoite pernoites noite uber ganze',
    String.raw`(?:hele\s+nacht|halve\s+nacht|overnight(?:s|er)?|overnachting(?:en)?|nachtje|per\s+nacht|full\s+night|whole\s+night|toda\s+la\s+noche|noche\s+(?:completa|entera)|pernoites?|noite\s+(?:inteira|toda)|[uü]ber\s+nacht|ganze\s+nacht)(?![\p{L}])`,
  ],
  [
    '69',
    '69',
    // Not a price, size, age or a pair of digits in a phone number.
    String.raw`(?<![\p{N}€$.,:/+\-]|€\s|\d\s)69(?!\p{N}|[.,:]\d|[/%'\-]|\s\d|\s*(?:€|eur|euro|rozen|p\/u|per|min|cm|kg|jaar|years?|a[nñ]os|anos)(?![\p{L}]))`,
  ],
];

interface Rule {
  code: string;
  pattern: RegExp;
}

/** Trigger word hash → its rules, in RULES order. */
const TRIGGERS = new Map<number, Rule[]>();
/** Low 16 bits of every trigger hash: most words are ruled out here, before the Map. */
const MAYBE_TRIGGER = new Uint8Array(0x10000);
for (const [code, triggers, pattern] of RULES) {
  const rule: Rule = { code, pattern: new RegExp(pattern, 'iuy') };
  for (const trigger of triggers.split(' ')) {
    const key = hashWord(foldWord(trigger));
    const rules = TRIGGERS.get(key) ?? [];
    rules.push(rule);
    TRIGGERS.set(key, rules);
    MAYBE_TRIGGER[key & 0xffff] = 1;
  }
}

/** Folded word → its hash, for small word sets checked by hash and confirmed by text. */
function wordSet(list: string): Map<number, string> {
  const set = new Map<number, string>();
  for (const w of list.split(/\s+/)) if (w !== '') set.set(hashWord(foldWord(w)), foldWord(w));
  return set;
}

function inSet(set: Map<number, string>, text: string, w: { start: number; end: number }): boolean {
  const folded = set.get(hashRange(text, w.start, w.end));
  return folded !== undefined && wordEquals(text, w.start, w.end, folded);
}

/** Words that negate a service up to three words on: "geen anaal", "no hago anal". */
const NEGATORS = wordSet(
  'geen niet nooit no not never nada nunca não nem ni kein keine keinen nicht except excepto exceto behalve menos muv',
);
/** Words that negate only right before: "sin besos", "zonder zoenen". */
const WITHOUT = wordSet('zonder without sin sem ohne');
/**
 * After a negator, words that undo it: "niet alleen", "not only"; and Portuguese "no meu/seu"
 * ("atendo no meu apartamento"), where "no" means "in the".
 */
const NOT_ONLY = wordSet('alleen only solo só nur meu seu nosso');
/** Before a colon, these open a list of what is not offered: "Geen:", "Niet mogelijk:". */
const LIST_NEGATORS = wordSet('geen niet nooit no not never nada nunca não nee nicht kein keine');
const POSSIBLE = wordSet('mogelijk possible posible possível');
const DE = wordSet('de');
const NADA = wordSet('nada');

/** A negation right after: "anaal niet", "anal: no", "zoenen ❌", "zonder condoom is niet mogelijk". */
const NEGATED_AFTER = new RegExp(
  String.raw`\s*[:=?\-–]?\s*(?:(?:is|kan|doe\s+ik|mag|zijn)\s+)?(?:nee|niet|no(?!\s+(?:problem|probleem|hay\s+problema|limits?|taboos?)(?![\p{L}]))|not|never|nooit|nunca|n[aã]o|nein|[❌🚫⛔✖✗✘❎]\uFE0F?)(?![\p{L}])`,
  'iuy',
);

/** Cross mark emoji: ❌ 🚫 (a surrogate pair; its second half) ⛔ ✖ ✗ ✘. */
function isCross(code: number): boolean {
  return (
    code === 0x274c || code === 0xdeab || code === 0x26d4 || (code >= 0x2716 && code <= 0x2718)
  );
}

function isClauseEnd(code: number): boolean {
  // . , ! ? ; newline
  return (
    code === 0x2e ||
    code === 0x2c ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x3b ||
    code === 0x0a
  );
}

/** Index after the last space, tab or emoji variation selector before `pos`. */
function skipSpacesBack(text: string, pos: number): number {
  while (pos > 0) {
    const c = text.charCodeAt(pos - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0 && c !== 0xfe0f) break;
    pos--;
  }
  return pos;
}

/** Whether the mention at start..end is negated. Reads words, not regexes: this runs per match. */
function isNegated(text: string, start: number, end: number): boolean {
  // A negator up to three words back in the same clause ("geen anaal", "doe geen anaal",
  // "no hago anal", "nada de anal"), or "zonder"/"sin" right before. Not "niet alleen zoenen".
  let pos = start;
  let firstEnd = start;
  while (firstEnd < end && isWordChar(text.charCodeAt(firstEnd))) firstEnd++;
  // The word after the one looked at: first the mention's own first word.
  let closer: { start: number; end: number } = { start, end: firstEnd };
  for (let k = 0; k < 3; k++) {
    const w = wordBefore(text, pos);
    if (w === null) break;
    if (k === 0 && inSet(WITHOUT, text, w)) return true;
    if (inSet(NEGATORS, text, w) && !inSet(NOT_ONLY, text, closer)) return true;
    if (inSet(DE, text, w)) {
      const before = wordBefore(text, w.start);
      if (before !== null && inSet(NADA, text, before)) return true;
    }
    closer = w;
    pos = w.start;
  }
  // A cross right before, in a clause that opens with one: "❌ anal", "❌ anal ❌ kissing"; in
  // "anal ❌ kissing ✅" the cross belongs to anal.
  const justBefore = skipSpacesBack(text, start);
  if (justBefore > 0 && isCross(text.charCodeAt(justBefore - 1))) {
    let clause = justBefore - 1;
    while (clause > 0 && !isClauseEnd(text.charCodeAt(clause - 1))) clause--;
    while (clause < text.length && /\s/.test(text[clause]!)) clause++;
    const first = text.codePointAt(clause)!;
    if (
      first === 0x274c ||
      first === 0x1f6ab ||
      first === 0x26d4 ||
      (first >= 0x2716 && first <= 0x2718)
    )
      return true;
  }
  // A list after "Geen:", "No:", "Niet mogelijk:" in the same sentence.
  for (let i = start - 1, steps = 0; i >= 0 && steps < 200; i--, steps++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a) break;
    if (c !== 0x3a /* : */) continue;
    const w = wordBefore(text, i);
    if (w === null) break;
    if (inSet(LIST_NEGATORS, text, w)) return true;
    if (inSet(POSSIBLE, text, w)) {
      const before = wordBefore(text, w.start);
      if (before !== null && inSet(LIST_NEGATORS, text, before)) return true;
    }
    break;
  }
  NEGATED_AFTER.lastIndex = end;
  return NEGATED_AFTER.test(text);
}

/** Services offered, in text order; negated mentions are left out. */
export function findServices(text: string): FoundService[] {
  const found: FoundService[] = [];
  const { count, starts, hashes } = wordsOf(text);
  let readTo = 0;
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    // Words inside a match ("zonder" in "pijpen zonder") are not read again.
    if (start < readTo || MAYBE_TRIGGER[hashes[i]! & 0xffff] === 0) continue;
    const rules = TRIGGERS.get(hashes[i]!);
    if (rules === undefined) continue;
    for (const rule of rules) {
      rule.pattern.lastIndex = start;
      if (!rule.pattern.test(text)) continue;
      const end = rule.pattern.lastIndex;
      if (!isNegated(text, start, end)) found.push({ start, end, code: rule.code });
      readTo = end;
      break;
    }
  }
  return found;
}
