import type { Random } from './random.js';

/**
 * Phone numbers of the synthetic world and the many ways ads write them. Every number is valid
 * for libphonenumber (so extraction can be scored), and each written form records what it stands
 * for, so the truth knows exactly which numbers an ad shows.
 */

/** Mobile number plans: country code and a generator of the national significant number. */
const MOBILE: Record<string, { cc: string; nsn: (rng: Random) => string }> = {
  NL: { cc: '31', nsn: (r) => `6${r.pick(['1', '2', '3', '4', '5', '8'])}${r.digits(7)}` },
  ES: { cc: '34', nsn: (r) => `6${r.digits(8)}` },
  CO: {
    cc: '57',
    nsn: (r) => `3${r.pick(['00', '01', '10', '12', '15', '20', '50'])}${r.digits(7)}`,
  },
  VE: { cc: '58', nsn: (r) => `4${r.pick(['12', '14', '16', '24', '26'])}${r.digits(7)}` },
  DO: { cc: '1', nsn: (r) => `${r.pick(['809', '829', '849'])}${r.int(2, 9)}${r.digits(6)}` },
  BR: { cc: '55', nsn: (r) => `${r.pick(['11', '21', '31'])}9${r.int(6, 9)}${r.digits(7)}` },
  PY: { cc: '595', nsn: (r) => `9${r.pick(['71', '72', '81', '82', '85', '91'])}${r.digits(6)}` },
  RO: { cc: '40', nsn: (r) => `7${r.pick(['2', '3', '4', '5', '6'])}${r.digits(7)}` },
  HU: { cc: '36', nsn: (r) => `${r.pick(['20', '30', '70'])}${r.int(1, 9)}${r.digits(6)}` },
  BG: { cc: '359', nsn: (r) => `8${r.pick(['7', '8', '9'])}${r.int(2, 9)}${r.digits(6)}` },
  NG: { cc: '234', nsn: (r) => `80${r.pick(['3', '6', '7', '8'])}${r.digits(7)}` },
  // 06x except 067 and 069, which libphonenumber does not accept as mobiles.
  TH: {
    cc: '66',
    nsn: (r) =>
      `${r.pick(['61', '62', '63', '64', '65', '66', '68', '81', '82', '86', '89', '91', '92', '95'])}${r.digits(7)}`,
  },
  PT: { cc: '351', nsn: (r) => `9${r.pick(['1', '2', '3', '6'])}${r.digits(7)}` },
  IT: { cc: '39', nsn: (r) => `3${r.pick(['20', '28', '33', '40', '47'])}${r.digits(7)}` },
};

export function mobileNumber(country: string, rng: Random): string {
  const plan = MOBILE[country] ?? MOBILE.NL!;
  return `+${plan.cc}${plan.nsn(rng)}`;
}

export function callingCodeOf(e164: string): string {
  for (const cc of [
    '595',
    '359',
    '351',
    '234',
    '31',
    '34',
    '57',
    '58',
    '55',
    '40',
    '36',
    '66',
    '39',
    '1',
  ]) {
    if (e164.startsWith(`+${cc}`)) return cc;
  }
  throw new Error(`unknown calling code in ${e164}`);
}

/** How a number is written in an ad, and whether the writing hides it from a naive reader. */
export interface WrittenPhone {
  text: string;
  e164: string;
  obscured: boolean;
}

const KEYCAP = (d: string) => `${d}\uFE0F\u20E3`;
const FULL_WIDTH = (d: string) => String.fromCharCode(0xff10 + Number(d));
const SPOKEN: Record<'nl' | 'es' | 'en' | 'pt', readonly string[]> = {
  nl: ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  pt: ['zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove'],
};

function groups(digits: string, sizes: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(digits.slice(i, i + n));
    i += n;
  }
  if (i < digits.length) out.push(digits.slice(i));
  return out.filter(Boolean);
}

/** A Dutch number as people write it; `obscure` picks one of the forms meant to dodge filters. */
export function writeDutch(
  e164: string,
  rng: Random,
  obscure: boolean,
  lang: keyof typeof SPOKEN = 'nl',
): WrittenPhone {
  const national = `0${e164.slice(3)}`; // 06xxxxxxxx
  if (obscure) {
    const form = rng.pick(['letters', 'keycap', 'fullwidth', 'spoken', 'stars', 'spaced'] as const);
    const text =
      form === 'letters'
        ? national
            .replace(/0/g, () => (rng.chance(0.5) ? 'O' : 'o'))
            .replace(/1/g, () => (rng.chance(0.5) ? 'l' : 'I'))
        : form === 'keycap'
          ? [...national].map(KEYCAP).join(rng.chance(0.5) ? '' : ' ')
          : form === 'fullwidth'
            ? [...national].map(FULL_WIDTH).join('')
            : form === 'spoken'
              ? [...national].map((d) => SPOKEN[lang][Number(d)]).join(' ')
              : form === 'stars'
                ? groups(national, [2, 2, 2, 2, 2]).join(rng.pick(['*', '_', '~']))
                : [...national].join(' ');
    // A number written with letters for digits still needs them to stand for digits somewhere.
    return {
      text: form === 'letters' && !/[Ool]/.test(text) ? `O${text.slice(1)}` : text,
      e164,
      obscured: true,
    };
  }
  const form = rng.weighted([
    ['plain', 3],
    ['dash', 3],
    ['spaced', 3],
    ['dots', 1],
    ['intl', 2],
    ['intl00', 1],
    ['brackets', 1],
  ] as const);
  const text =
    form === 'plain'
      ? national
      : form === 'dash'
        ? `06-${national.slice(2)}`
        : form === 'spaced'
          ? rng.chance(0.5)
            ? groups(national, [2, 2, 2, 2, 2]).join(' ')
            : groups(national, [2, 4, 4]).join(' ')
          : form === 'dots'
            ? groups(national, [2, 2, 2, 2, 2]).join('.')
            : form === 'intl'
              ? rng.chance(0.5)
                ? e164
                : `+31 6 ${e164.slice(4, 8)} ${e164.slice(8)}`
              : form === 'intl00'
                ? `0031 ${national.slice(1)}`
                : `(06) ${national.slice(2)}`;
  return { text, e164, obscured: false };
}

/** A foreign number: mostly international notation, since the national form does not dial from NL. */
export function writeForeign(e164: string, rng: Random, obscure: boolean): WrittenPhone {
  const cc = callingCodeOf(e164);
  const nsn = e164.slice(1 + cc.length);
  if (obscure) {
    const text = rng.chance(0.5)
      ? `+${cc} ${[...nsn].map(KEYCAP).join('')}`
      : `+ ${cc} ${[...nsn].join(' ')}`.replace(/0/g, 'O');
    return { text, e164, obscured: true };
  }
  const form = rng.weighted([
    ['spaced', 4],
    ['compact', 2],
    ['zeros', 1],
    ['dashes', 1],
  ] as const);
  const text =
    form === 'spaced'
      ? `+${cc} ${groups(nsn, [3, 3, 3]).join(' ')}`
      : form === 'compact'
        ? e164
        : form === 'zeros'
          ? `00${cc}${nsn}`
          : `+${cc}-${groups(nsn, [3, 2, 2, 2]).join('-')}`;
  return { text, e164, obscured: false };
}

export function writePhone(
  e164: string,
  rng: Random,
  obscure: boolean,
  lang: keyof typeof SPOKEN = 'nl',
): WrittenPhone {
  return e164.startsWith('+31')
    ? writeDutch(e164, rng, obscure, lang)
    : writeForeign(e164, rng, obscure);
}

/** A WhatsApp link: the number without `+`, as wa.me and api.whatsapp.com take it. */
export function whatsappLink(e164: string, rng: Random): WrittenPhone {
  const digits = e164.slice(1);
  const text = rng.chance(0.75)
    ? `${rng.chance(0.5) ? 'https://' : ''}wa.me/${digits}`
    : `https://api.whatsapp.com/send?phone=${digits}`;
  return { text, e164, obscured: false };
}

/** Numbers that look like phones to a careless reader and are not. */
export function distractor(rng: Random): string {
  return rng.pick([
    () => `${rng.int(60, 250)} p/u`,
    () => `€ ${rng.int(5, 30) * 10},-`,
    () => `1.${rng.int(55, 80)}`,
    () => `1,${rng.int(55, 80)} m`,
    () => `${String(rng.int(1, 28)).padStart(2, '0')}-0${rng.int(1, 4)}-2023`,
    () => `${rng.int(10, 23)}:00`,
    () => `van ${rng.int(9, 14)}.00 tot ${rng.int(22, 23)}.00`,
    () => `${rng.int(1011, 9999)} ${rng.pick(['AB', 'CD', 'GH', 'KL', 'PR', 'TX'])}`,
    () => `${rng.pick(['70', '75', '80', '85'])}${rng.pick(['A', 'B', 'C', 'D'])}`,
    () => `maat ${rng.pick(['34', '36', '38', '40'])}`,
    () => `${rng.int(85, 100)}-${rng.int(58, 70)}-${rng.int(85, 100)}`,
  ])();
}
