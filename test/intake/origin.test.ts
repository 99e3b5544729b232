import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOrigins } from '../../src/intake/ads/origin.js';

/** Each origin as "code:what was read". */
function origins(text: string): string[] {
  return findOrigins(text).map((o) => `${o.code}:${text.slice(o.start, o.end)}`);
}

function expectOrigin(text: string, code: string, read: string): void {
  assert.deepEqual(origins(text), [`${code}:${read}`], text);
}

function expectNone(text: string): void {
  assert.deepEqual(origins(text), [], text);
}

describe('findOrigins: nationalities', () => {
  it('reads Dutch adjectives', () => {
    for (const [word, code] of [
      ['Colombiaanse', 'CO'],
      ['Venezolaanse', 'VE'],
      ['Dominicaanse', 'DO'],
      ['Braziliaanse', 'BR'],
      ['Paraguayaanse', 'PY'],
      ['Roemeense', 'RO'],
      ['Hongaarse', 'HU'],
      ['Bulgaarse', 'BG'],
      ['Nigeriaanse', 'NG'],
      ['Spaanse', 'ES'],
      ['Thaise', 'TH'],
      ['Nederlandse', 'NL'],
      ['Hollandse', 'NL'],
      ['Poolse', 'PL'],
      ['Russische', 'RU'],
      ['Oekraïense', 'UA'],
      ['Oekraiense', 'UA'],
      ['Cubaanse', 'CU'],
      ['Peruaanse', 'PE'],
      ['Ecuadoraanse', 'EC'],
      ['Argentijnse', 'AR'],
      ['Mexicaanse', 'MX'],
      ['Surinaamse', 'SR'],
      ['Marokkaanse', 'MA'],
    ] as const)
      expectOrigin(`Mooie ${word} dame`, code, word);
  });

  it('reads English, Spanish and Portuguese forms', () => {
    for (const [word, code] of [
      ['Colombian', 'CO'],
      ['colombiana', 'CO'],
      ['venezolana', 'VE'],
      ['Venezuelan', 'VE'],
      ['dominicana', 'DO'],
      ['brasileira', 'BR'],
      ['brasileña', 'BR'],
      ['Brazilian', 'BR'],
      ['paraguaya', 'PY'],
      ['paraguaia', 'PY'],
      ['Romanian', 'RO'],
      ['romena', 'RO'],
      ['rumana', 'RO'],
      ['Hungarian', 'HU'],
      ['Nigerian', 'NG'],
      ['española', 'ES'],
      ['espanola', 'ES'],
      ['Thai', 'TH'],
      ['Dutch', 'NL'],
      ['holandesa', 'NL'],
      ['Ukrainian', 'UA'],
      ['peruana', 'PE'],
      ['ecuatoriana', 'EC'],
      ['argentina', 'AR'],
      ['mexicana', 'MX'],
    ] as const)
      expectOrigin(`Hola, soy ${word} y muy caliente`, code, word);
  });

  it('reads regions', () => {
    expectOrigin('Latina ardiente', 'latina', 'Latina');
    expectOrigin('echte latijnse schoonheid', 'latina', 'latijnse');
    expectOrigin('Afrikaanse vrouw', 'african', 'Afrikaanse');
    expectOrigin('sweet African lady', 'african', 'African');
    expectOrigin('hot ebony girl', 'african', 'ebony');
    expectOrigin('Black beauty', 'african', 'Black');
    expectOrigin('Aziatische dame', 'asian', 'Aziatische');
    expectOrigin('petite Asian girl', 'asian', 'Asian');
    expectOrigin('Oriental beauty', 'asian', 'Oriental');
    expectOrigin('Oost-Europese schoonheid', 'eastern-european', 'Oost-Europese');
    expectOrigin('sexy Eastern European girl', 'eastern-european', 'Eastern European');
    expectOrigin('chica de Europa del Este', 'eastern-european', 'Europa del Este');
  });

  it('reads "from" and a country', () => {
    expectOrigin('Ik kom uit Colombia', 'CO', 'uit Colombia');
    expectOrigin('I am from Brazil', 'BR', 'from Brazil');
    expectOrigin('chica de Venezuela', 'VE', 'de Venezuela');
    expectOrigin('menina do Brasil', 'BR', 'do Brasil');
    expectOrigin('from the Philippines', 'PH', 'from the Philippines');
    expectOrigin('uit de Filipijnen', 'PH', 'uit de Filipijnen');
    expectOrigin('born in Romania', 'RO', 'born in Romania');
    expectOrigin('nacida en Colombia', 'CO', 'nacida en Colombia');
    expectOrigin('soy de Santo Domingo', 'DO', 'de Santo Domingo');
  });

  it('does not read a country without "from"', () => {
    expectNone('Nieuw in Nederland');
    expectNone('Colombia 🇨🇴');
    expectNone('Kenia, 23 jaar');
    expectNone('Hi, I am India');
  });

  it('gives exact spans, every occurrence, in order', () => {
    assert.deepEqual(findOrigins('Hete Colombiaanse, uit Colombia'), [
      { start: 5, end: 17, code: 'CO' },
      { start: 19, end: 31, code: 'CO' },
    ]);
  });
});

describe('findOrigins: forms that need a person', () => {
  it('reads Dutch base forms next to a person or after "ik ben"', () => {
    expectOrigin('een lief Spaans meisje', 'ES', 'Spaans');
    expectOrigin('een Spaans lief meisje', 'ES', 'Spaans');
    expectOrigin('ik ben Spaans', 'ES', 'Spaans');
    expectOrigin('100% Hollands', 'NL', 'Hollands');
    expectNone('Spaans');
    expectNone('Spaans mogelijk');
  });

  it('reads ambiguous English forms next to a person or a describing word', () => {
    expectOrigin('hot Russian girl', 'RU', 'Russian');
    expectOrigin('real Russian', 'RU', 'Russian');
    expectOrigin("I'm Spanish", 'ES', 'Spanish');
    expectOrigin('French beauty', 'FR', 'French');
    expectOrigin('hot Latin lady', 'latina', 'Latin');
    expectNone('Russian and Greek possible');
    expectNone('Latin dance');
  });

  it('reads slang-prone Spanish forms only next to a person or an "I am"', () => {
    expectOrigin('soy cubana', 'CU', 'cubana');
    expectOrigin('chica cubana', 'CU', 'cubana');
    expectNone('hago una cubana');
    expectNone('una rusa rica');
    expectNone('hacemos a la griega');
  });

  it('does not take a first name for an origin', () => {
    expectNone("I'm Ebony, 23");
    expectNone('Hoi ik ben Thaís (23 jaar)');
    expectNone('My name is Thaís');
  });
});

describe('findOrigins: words that are no origin', () => {
  it('skips languages spoken', () => {
    expectNone('Ik spreek Spaans en Engels');
    expectNone('Talen: Nederlands, Engels, Spaans');
    expectNone('I speak English and a little Dutch');
    expectNone('Languages: English, French, German and Spanish.');
    expectNone('hablo español, inglés y portugués');
    expectNone('Spanish and English spoken');
    expectNone('Spanish speaking');
  });

  it('keeps an origin next to a languages list', () => {
    expectOrigin('Ik spreek Engels. Spaanse dame', 'ES', 'Spaanse');
    expectOrigin('Spaanse dame, ik spreek Engels', 'ES', 'Spaanse');
  });

  it('skips services named after a country', () => {
    expectNone('Thai massage');
    expectNone('heerlijke Thaise massages');
    expectNone('French kiss');
    expectNone('Frans, Grieks');
    expectNone('Griekse standje');
    expectNone('Oosterse massage');
  });

  it('skips vague words', () => {
    expectNone('exotische schoonheid');
    expectNone('exotic beauty');
    expectNone('morena linda');
    expectNone('Europese dame');
  });

  it('reads the origin in a whole ad, past the traps', () => {
    assert.deepEqual(
      origins(
        'Hoi schatjes! Ik ben Daniela, een hete Colombiaanse schoonheid van 23. ' +
          'Thai massage en French kiss mogelijk. Talen: Nederlands, Engels, Spaans.',
      ),
      ['CO:Colombiaanse'],
    );
  });
});
