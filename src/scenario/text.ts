import type { Indicator } from './params.js';
import type { Random } from './random.js';

/**
 * Ad texts. A *template* is a fixed choice of phrases with slots ({name}, {age}, {nat}, {city},
 * {price}, {phone}); a network fills one template for many women, an independent writes her own.
 * Rendering adds the noise real ads have: typos, emoji, shouting, stray numbers.
 */

export type Language = 'nl' | 'en' | 'es' | 'pt';

type Bank = Record<
  | 'greeting'
  | 'intro1'
  | 'intro3'
  | 'ethnicity'
  | 'youth'
  | 'body'
  | 'allHours'
  | 'movement'
  | 'trust'
  | 'unprotected'
  | 'call'
  | 'whatsappOnly'
  | 'closing'
  | 'title',
  readonly string[]
>;

const BANKS: Record<Language, Bank> = {
  nl: {
    greeting: ['Hoi schatjes', 'Hallo heren', 'Hey lieverd', 'Welkom'],
    intro1: [
      'Ik ben {name}, {age} jaar',
      'Mijn naam is {name} en ik ben {age} jaar',
      'Hoi ik ben {name} ({age} jaar)',
      'Ik heet {name}, {age} jaar oud',
    ],
    intro3: [
      'Dit is {name}, {age} jaar',
      '{name} is een lief meisje van {age} jaar',
      'Ze heet {name} en is {age} jaar',
      'Nieuw meisje {name}, {age} jaar',
      'Onze {name} ({age} jaar) ontvangt je graag',
    ],
    ethnicity: ['{nat} schoonheid', 'echte {nat}', 'heet {nat} meisje', 'mooie {nat} dame'],
    youth: [
      'jong en strak',
      'net 18 geworden',
      'jong en onervaren',
      'petite en jong',
      'tienerlook',
    ],
    body: [
      'Ik hou van genieten en verwennen',
      'Lekker lichaam en een mooie glimlach',
      'Sensueel, speels en ondeugend',
      'Geniet van een ontspannen uurtje samen',
      'Ontvangst in een schone en discrete woning',
      'Escort en privé ontvangst mogelijk',
      'Zin in een heerlijke massage?',
      'Lief, geil en altijd in voor iets nieuws',
      'Een echte vriendinnen ervaring (GFE)',
    ],
    allHours: [
      '24/7 beschikbaar',
      'Dag en nacht bereikbaar',
      "Ook 's nachts beschikbaar",
      '24 uur per dag',
    ],
    movement: [
      'Nieuw in {city}!',
      'Alleen deze week in {city}',
      'Net aangekomen in {city}',
      'Eerste dagen in {city}',
      'Nieuw in de stad',
    ],
    trust: [
      "100% echte foto's",
      'Betrouwbaar en discreet',
      "Geen nep, echte foto's",
      'Professionele service',
      'Gegarandeerd echt',
    ],
    unprotected: ['ook zonder', 'alles kan, ook zonder bescherming', 'AV en zonder mogelijk'],
    call: [
      'Bel of app {phone}',
      'Bel me op {phone}',
      'Tel: {phone}',
      'Contact: {phone}',
      '📞 {phone}',
      'Bellen of appen naar {phone}',
    ],
    whatsappOnly: [
      'Alleen WhatsApp {phone}, niet bellen',
      'Stuur een appje naar {phone} (alleen whatsapp)',
      'Alleen app: {phone}',
      'Geen telefoontjes, alleen WhatsApp {phone}',
    ],
    closing: ['Kusjes', 'Tot snel', 'xxx', 'Tot straks schat', 'Liefs'],
    title: [
      '{name} in {city}',
      'Nieuw: {name}',
      '{nat} {name} verwent je',
      '{name} {age} jaar',
      'Heerlijke {name}',
    ],
  },
  en: {
    greeting: ['Hi gentlemen', 'Hello darling', 'Hey guys', 'Welcome'],
    intro1: [
      "I'm {name}, {age} years old",
      'My name is {name}, I am {age}',
      'Hi, {name} here, {age} years',
    ],
    intro3: [
      'This is {name}, {age} years old',
      '{name} is a sweet girl of {age}',
      'Meet {name}, {age} years young',
      'New girl {name}, {age}',
    ],
    ethnicity: ['{natEn} beauty', 'real {natEn} girl', 'hot {natEn}', 'exotic {natEn}'],
    youth: ['young and tight', 'just turned 18', 'young and inexperienced', 'petite teen look'],
    body: [
      'I love to please and be pleased',
      'Sexy body and a beautiful smile',
      'Sensual, playful and naughty',
      'Enjoy a relaxing hour together',
      'Clean and discreet apartment',
      'Outcall and incall possible',
      'Real girlfriend experience (GFE)',
    ],
    allHours: ['available 24/7', 'day and night', 'open 24 hours', 'also at night'],
    movement: [
      'New in {city}!',
      'Only this week in {city}',
      'Just arrived in {city}',
      'First days in {city}',
      'New in town',
    ],
    trust: [
      '100% real pictures',
      'Reliable and discreet',
      'No fake, real photos',
      'Professional service',
      'Verified real',
    ],
    unprotected: ['bareback possible', 'everything possible, also without protection'],
    call: [
      'Call or text {phone}',
      'Call me at {phone}',
      'Phone: {phone}',
      'Contact {phone}',
      '📞 {phone}',
    ],
    whatsappOnly: [
      'WhatsApp only {phone}, no calls',
      'Text me on WhatsApp {phone}',
      'Only WhatsApp: {phone}',
    ],
    closing: ['Kisses', 'See you soon', 'xxx', 'Love'],
    title: ['{name} in {city}', 'New: {name}', '{natEn} {name}', '{name} {age}', 'Sweet {name}'],
  },
  es: {
    greeting: ['Hola amor', 'Hola caballeros', 'Hola cariño', 'Bienvenidos'],
    intro1: [
      'Soy {name}, tengo {age} años',
      'Me llamo {name}, {age} años',
      'Hola soy {name} de {age} años',
    ],
    intro3: [
      'Ella es {name}, {age} años',
      '{name} es una chica dulce de {age} años',
      'Nueva chica {name}, {age} años',
    ],
    ethnicity: ['{natEn} muy caliente', 'auténtica {natEn}', 'Latina ardiente', 'hermosa {natEn}'],
    youth: ['jovencita', 'recién cumplidos 18', 'jovencita y apretadita', 'chica joven'],
    body: [
      'Me encanta complacer',
      'Cuerpo espectacular y sonrisa bonita',
      'Sensual, juguetona y traviesa',
      'Disfruta de una hora relajada',
      'Apartamento limpio y discreto',
      'Salidas y en mi piso',
    ],
    allHours: ['24 horas', 'disponible 24/7', 'día y noche'],
    movement: [
      'Nueva en {city}!',
      'Solo esta semana en {city}',
      'Recién llegada a {city}',
      'Primeros días en {city}',
    ],
    trust: ['Fotos 100% reales', 'Discreta y de confianza', 'Nada de fake', 'Servicio profesional'],
    unprotected: ['también sin protección', 'todo sin límites'],
    call: ['Llama o escribe {phone}', 'Llámame al {phone}', 'Tel {phone}', '📞 {phone}'],
    whatsappOnly: [
      'Solo WhatsApp {phone}, no llamadas',
      'Escríbeme por WhatsApp {phone}',
      'Solo whatsapp: {phone}',
    ],
    closing: ['Besitos', 'Te espero', 'xxx', 'Besos'],
    title: ['{name} en {city}', 'Nueva: {name}', '{natEn} {name}', '{name} {age} años'],
  },
  pt: {
    greeting: ['Oi amor', 'Olá senhores', 'Oi querido', 'Bem-vindos'],
    intro1: [
      'Sou {name}, tenho {age} anos',
      'Meu nome é {name}, {age} anos',
      'Oi sou a {name} de {age} anos',
    ],
    intro3: [
      'Esta é {name}, {age} anos',
      '{name} é uma menina doce de {age} anos',
      'Nova menina {name}, {age} anos',
    ],
    ethnicity: ['{natEn} muito quente', 'autêntica {natEn}', 'morena {natEn}'],
    youth: ['novinha', 'acabei de fazer 18', 'menina jovem'],
    body: [
      'Adoro dar prazer',
      'Corpo lindo e sorriso bonito',
      'Sensual e safadinha',
      'Apartamento limpo e discreto',
    ],
    allHours: ['24 horas', 'disponível 24/7', 'dia e noite'],
    movement: ['Nova em {city}!', 'Só esta semana em {city}', 'Acabei de chegar em {city}'],
    trust: ['Fotos 100% reais', 'Discreta e confiável', 'Serviço profissional'],
    unprotected: ['também sem proteção'],
    call: ['Liga ou manda mensagem {phone}', 'Me liga {phone}', 'Tel {phone}', '📞 {phone}'],
    whatsappOnly: ['Só WhatsApp {phone}, sem chamadas', 'Só whatsapp: {phone}'],
    closing: ['Beijinhos', 'Te espero', 'xxx', 'Beijos'],
    title: ['{name} em {city}', 'Nova: {name}', '{natEn} {name}', '{name} {age} anos'],
  },
};

/** A choice of phrases, fixed once: what a network (or one woman) reuses across ads. */
export interface Template {
  language: Language;
  indicators: ReadonlySet<Indicator>;
  title: number;
  greeting: number | null;
  intro: number;
  ethnicity: number;
  youth: number;
  body: number[];
  allHours: number;
  movement: number;
  trust: number;
  unprotected: number;
  contact: number;
  closing: number | null;
  emoji: string;
  shout: boolean;
}

export function makeTemplate(
  language: Language,
  indicators: ReadonlySet<Indicator>,
  rng: Random,
  greetingRate: number,
): Template {
  const b = BANKS[language];
  const idx = (list: readonly string[]) => rng.int(0, list.length - 1);
  return {
    language,
    indicators,
    title: idx(b.title),
    greeting: rng.chance(greetingRate) ? idx(b.greeting) : null,
    intro: idx(indicators.has('thirdPerson') ? b.intro3 : b.intro1),
    ethnicity: idx(b.ethnicity),
    youth: idx(b.youth),
    body: rng.sample([...b.body.keys()], rng.int(2, 4)),
    allHours: idx(b.allHours),
    movement: idx(b.movement),
    trust: idx(b.trust),
    unprotected: idx(b.unprotected),
    contact: idx(indicators.has('whatsappOnly') ? b.whatsappOnly : b.call),
    closing: rng.chance(0.6) ? idx(b.closing) : null,
    emoji: rng.pick(['', '💋', '🔥', '😘', '💕', '✨', '🌹']),
    shout: rng.chance(0.2),
  };
}

export interface Slots {
  name: string;
  age: number;
  nat: string;
  natEn: string;
  city: string;
  price: string;
  /** The phone as written in the text, or null when the number is only in the phone field. */
  phone: string | null;
}

function fill(phrase: string, s: Slots): string {
  return phrase
    .replace(/\{name\}/g, s.name)
    .replace(/\{age\}/g, String(s.age))
    .replace(/\{natEn\}/g, s.natEn)
    .replace(/\{nat\}/g, s.nat)
    .replace(/\{city\}/g, s.city)
    .replace(/\{price\}/g, s.price)
    .replace(/\{phone\}/g, s.phone ?? '');
}

/** One typo: two neighbouring letters swapped in a longer word. */
function typo(text: string, rng: Random): string {
  const words = text.split(' ');
  const candidates = words
    .map((w, i) => [w, i] as const)
    .filter(([w]) => /^[a-zà-ü]{6,}$/i.test(w));
  if (candidates.length === 0) return text;
  const [word, i] = rng.pick(candidates);
  const at = rng.int(1, word.length - 3);
  words[i] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

export interface Rendered {
  title: string;
  text: string;
}

/**
 * Renders a template for one ad. `extra` are sentences the ad adds (distractors, a disclaimer);
 * `variation` in [0, 1) decides small per-ad edits so copies are near-, not exact, duplicates.
 */
export function render(
  t: Template,
  s: Slots,
  rng: Random,
  extra: { before: string[]; after: string[] },
): Rendered {
  const b = BANKS[t.language];
  const parts: string[] = [];
  if (t.greeting !== null) parts.push(`${b.greeting[t.greeting]}${t.emoji ? ` ${t.emoji}` : ''}`);
  parts.push(fill((t.indicators.has('thirdPerson') ? b.intro3 : b.intro1)[t.intro]!, s));
  if (t.indicators.has('statedEthnicity')) parts.push(fill(b.ethnicity[t.ethnicity]!, s));
  if (t.indicators.has('youth')) parts.push(b.youth[t.youth]!);
  for (const i of t.body) parts.push(b.body[i]!);
  if (t.indicators.has('movement')) parts.push(fill(b.movement[t.movement]!, s));
  if (t.indicators.has('trust')) parts.push(b.trust[t.trust]!);
  if (t.indicators.has('unprotected')) parts.push(b.unprotected[t.unprotected]!);
  if (t.indicators.has('allHours')) parts.push(b.allHours[t.allHours]!);
  parts.push(...extra.before);
  if (s.phone)
    parts.push(fill((t.indicators.has('whatsappOnly') ? b.whatsappOnly : b.call)[t.contact]!, s));
  if (t.closing !== null)
    parts.push(`${b.closing[t.closing]}${t.emoji ? ` ${t.emoji}${t.emoji}` : ''}`);
  let text = parts.join(rng.chance(0.7) ? '. ' : '\n');
  if (rng.chance(0.25)) text = typo(text, rng);
  if (extra.after.length > 0) text = `${text}\n\n${extra.after.join('\n')}`;
  let title = fill(b.title[t.title]!, s);
  if (t.shout) title = `${title.toUpperCase()}!!`;
  if (t.emoji && rng.chance(0.5)) title = `${title} ${t.emoji}`;
  return { title, text };
}
