import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAge } from '../../src/intake/ads/age.js';

/** The age read from text only, with the text it was read from. */
function inText(text: string): { years: number; read: string } | null {
  const r = findAge(undefined, text);
  if (r === null) return null;
  assert.equal(r.field, 'text');
  return { years: r.found.years, read: text.slice(r.found.start, r.found.end) };
}

function expectAge(text: string, years: number, read: string): void {
  assert.deepEqual(inText(text), { years, read }, text);
}

function expectNone(text: string): void {
  assert.equal(inText(text), null, text);
}

describe('findAge: the age field', () => {
  it('reads a field that is just an age, with its unit in the span', () => {
    for (const [field, years, read] of [
      ['23', 23, '23'],
      [' 23 ', 23, '23'],
      ['23 jaar', 23, '23 jaar'],
      ['23 jaar oud', 23, '23 jaar'],
      ['23 years', 23, '23 years'],
      ['23 years old', 23, '23 years'],
      ['23 años', 23, '23 años'],
      ['23 anos', 23, '23 anos'],
      ['23j', 23, '23j'],
      ['Age: 23', 23, '23'],
      ['Leeftijd: 23 jaar', 23, '23 jaar'],
      ['edad 23', 23, '23'],
    ] as const) {
      const r = findAge(field, 'Ik ben 31 jaar');
      assert.equal(r?.field, 'age', field);
      assert.equal(r.found.years, years, field);
      assert.equal(field.slice(r.found.start, r.found.end), read, field);
    }
  });

  it('gives exact spans in the field', () => {
    assert.deepEqual(findAge('Age: 23', ''), {
      field: 'age',
      found: { start: 5, end: 7, years: 23 },
    });
    assert.deepEqual(findAge('23 jaar', ''), {
      field: 'age',
      found: { start: 0, end: 7, years: 23 },
    });
  });

  it('wins over the text', () => {
    assert.deepEqual(findAge('24', 'Ik ben 31 jaar')?.found.years, 24);
  });

  it('reads an age in a wordier field too', () => {
    const r = findAge('ik ben 23', 'Ik ben 31 jaar');
    assert.equal(r?.field, 'age');
    assert.equal(r.found.years, 23);
  });

  it('falls back to the text when the field holds no single age', () => {
    for (const field of ['early twenties', '18+', '30-35', '', 'n.v.t.', '12', '99']) {
      const r = findAge(field, 'Ik ben 31 jaar');
      assert.equal(r?.field, 'text', field);
      assert.equal(r.found.years, 31, field);
    }
    assert.equal(findAge('18+', 'Welkom heren'), null);
  });

  it('keeps an under-age field value', () => {
    assert.equal(findAge('17', '')?.found.years, 17);
    assert.equal(findAge('16 jaar', '')?.found.years, 16);
  });
});

describe('findAge: ages in text', () => {
  it('reads a number with an age unit', () => {
    expectAge('Hoi ik ben Sanne, 21 jaar', 21, '21 jaar');
    expectAge('Ik heet Gift, 37 jaar oud.', 37, '37 jaar');
    expectAge("I'm Kim, 21 years old", 21, '21 years');
    expectAge('Meet Ioana, 34 years young', 34, '34 years');
    expectAge('Candy 21yo petite', 21, '21yo');
    expectAge('Candy 21 y/o', 21, '21 y/o');
    expectAge('Candy 21 y.o.', 21, '21 y.o.');
    expectAge('Roemeense meid Andreea, 21j, slank', 21, '21j');
    expectAge('Soy Valentina, tengo 21 años', 21, '21 años');
    expectAge('Sou a Bruna, tenho 22 anos', 22, '22 anos');
    expectAge('Camila, tengo 19 añitos', 19, '19 añitos');
    expectAge('Salut, sunt Ioana, am 22 de ani', 22, '22 de ani');
    expectAge('Vivien vagyok, 24 éves', 24, '24 éves');
    expectAge('Ich bin Lena, 23 Jahre alt', 23, '23 Jahre');
    expectAge('Giulia, 25 anni', 25, '25 anni');
    expectAge('Kasia, 21 lat', 21, '21 lat');
    expectAge('JOHANA 39 AÑOS!!', 39, '39 AÑOS');
  });

  it('reads a bare number after "I am"-words', () => {
    expectAge('Ik ben 21 en woon in Utrecht', 21, '21');
    expectAge('My name is Mileidy, I am 30.', 30, '30');
    expectAge("Hi, I'm 26, new in town", 26, '26');
    expectAge('Hi, I’m 26', 26, '26');
    expectAge('tengo 21, soy nueva', 21, '21');
    expectAge('tenho 23 e sou linda', 23, '23');
    expectAge('Age: 23. Height 1.70', 23, '23');
    expectAge('Leeftijd: 27', 27, '27');
    expectAge('She is 24 and sweet', 24, '24');
  });

  it('reads a number bound to the woman', () => {
    expectAge('Linda is a sweet girl of 35.', 35, '35');
    expectAge('Een lief meisje van 22!', 22, '22');
    expectAge('New girl Ioana, 42\nreal Romanian girl', 42, '42');
    expectAge('Welkom bij Lotte (29). Spontaan.', 29, '29');
  });

  it('reads "just turned 18" when nothing better is there', () => {
    expectAge('Nieuw: net 18 geworden!', 18, '18');
    expectAge('just turned 18, petite', 18, '18');
    expectAge('recién cumplidos 18', 18, '18');
    expectAge('acabei de fazer 18', 18, '18');
  });

  it('reads a title-like name and number', () => {
    expectAge('Mileidy 30', 30, '30');
    expectAge('SANNE 23!!', 23, '23');
    expectAge('Sanne 23 💋', 23, '23');
  });

  it('prefers a stated age to "just turned 18", whatever comes first', () => {
    expectAge('Net 18 geworden. Hoi ik ben Jasmine (20 jaar).', 20, '20 jaar');
    expectAge('My name is Mileidy, I am 30. just turned 18.', 30, '30');
    expectAge('just turned 18. Linda is a sweet girl of 35.', 35, '35');
  });

  it('takes the first of equally trusted ages', () => {
    expectAge('Ik ben 23 jaar. Mijn vriendin is 25 jaar.', 23, '23 jaar');
  });

  it('gives exact spans in the text', () => {
    assert.deepEqual(findAge(undefined, 'Hoi, ik ben 21 jaar'), {
      field: 'text',
      found: { start: 12, end: 19, years: 21 },
    });
    assert.deepEqual(findAge(undefined, 'I am 30.'), {
      field: 'text',
      found: { start: 5, end: 7, years: 30 },
    });
  });

  it('reads ages under 18: they matter most', () => {
    expectAge('Ik ben 17 jaar en nieuw', 17, '17 jaar');
    expectAge("I'm 16", 16, '16');
    expectAge('tengo 15 años', 15, '15 años');
    expectAge('14 jaar', 14, '14 jaar');
  });

  it('reads nothing outside 14–80', () => {
    expectNone('13 jaar');
    expectNone('85 jaar');
    expectNone('ik ben 9');
  });
});

describe('findAge: numbers that are not ages', () => {
  it('skips minimums and disclaimers', () => {
    expectNone('18+');
    expectNone('Alleen 18+ heren');
    expectNone('Adverteerders verklaren 18 jaar of ouder te zijn.');
    expectNone('18 jaar en ouder');
    expectNone('18 years or older');
    expectNone('ouder dan 18 jaar');
    expectNone('vanaf 18 jaar');
    expectNone('minimaal 21 jaar');
    expectNone('over 18 years');
  });

  it('skips experience and stays', () => {
    expectNone('10 jaar ervaring');
    expectNone('15 jaar werkervaring');
    expectNone('20 years of experience');
    expectNone('20 años de experiencia');
    expectNone('al 5 jaar in NL');
    expectNone('al 15 jaar in NL');
    expectNone('ik woon al 16 jaar in Nederland');
    expectNone('since 20 years');
    expectNone('hace 20 años');
    expectNone('há 20 anos');
    expectNone('15 jaar geleden');
  });

  it('skips ranges, times, sizes, dates, phones and prices', () => {
    expectNone('30-35 jaar');
    expectNone('klanten van 25 tot 35 jaar');
    expectNone('24/7');
    expectNone('ik ben 24/7 beschikbaar');
    expectNone('1.65');
    expectNone('21:00');
    expectNone('21 cm');
    expectNone('2023');
    expectNone('dit jaar');
    expectNone('04-01-2023');
    expectNone('maat 36, 75C');
    expectNone('Maat 36.');
    expectNone('90-60-90');
    expectNone('Bel 06 12 34 56 78');
    expectNone('0612345678');
    expectNone('ik ben 50 euro');
    expectNone("I'm 5'6");
    expectNone('I am 100% real');
    expectNone('ik ben 24 uur per dag bereikbaar');
    expectNone('Maart 28');
    expectNone('Kamer 21');
    expectNone('Top 20');
    expectNone('van 13.00 tot 23.00');
  });

  it('skips ordinals', () => {
    expectNone('ik ben 21e in de rij');
    expectNone("I'm 21st");
  });

  it('finds the real age past the traps', () => {
    expectAge(
      'Let op: verklaren 18 jaar of ouder te zijn. Ik ben Roxy, 46 jaar. 24/7. 1.65',
      46,
      '46 jaar',
    );
    expectAge('10 jaar ervaring. Ik ben 32 jaar.', 32, '32 jaar');
    expectAge('Bel 06 12 34 56 78 of app. Age: 25', 25, '25');
  });
});
