import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPhones } from '../../src/intake/ads/phones.js';
import type { FoundPhone } from '../../src/intake/ads/types.js';

/** What a user sees of a result: the number, and exactly the text it was read from. */
function read(text: string, opts?: Parameters<typeof findPhones>[1]) {
  return findPhones(text, opts).map((p: FoundPhone) => ({
    e164: p.e164,
    read: text.slice(p.start, p.end),
    form: p.form,
    obscured: p.obscured,
  }));
}

function expectOne(
  text: string,
  e164: string,
  readText: string,
  form: string,
  obscured = false,
): void {
  assert.deepEqual(read(text), [{ e164, read: readText, form, obscured }], text);
}

describe('findPhones: ordinary Dutch formats', () => {
  const cases: [string, string][] = [
    ['0612345678', '0612345678'],
    ['06-12345678', '06-12345678'],
    ['06-12 34 56 78', '06-12 34 56 78'],
    ['06.12.34.56.78', '06.12.34.56.78'],
    ['(06) 12345678', '(06) 12345678'],
    ['06 1234 5678', '06 1234 5678'],
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['06/12345678', '06/12345678'],
    ['06 - 12345678', '06 - 12345678'],
  ];
  for (const [text, readText] of cases) {
    it(text, () => expectOne(`Bel me op ${text} schat`, '+31612345678', readText, 'plain'));
  }

  it('reads a landline too', () => {
    expectOne('Privehuis, tel. 0320 123456', '+31320123456', '0320 123456', 'plain');
  });

  it('gives the country of the number', () => {
    assert.equal(findPhones('0612345678')[0]?.country, 'NL');
  });
});

describe('findPhones: international formats', () => {
  const cases: [string, string, string][] = [
    ['+31 6 1234 5678', '+31612345678', 'NL'],
    ['+31612345678', '+31612345678', 'NL'],
    ['0031 612345678', '+31612345678', 'NL'],
    ['0031612345678', '+31612345678', 'NL'],
    ['+31(0)6-12345678', '+31612345678', 'NL'],
    ['+31 (0)6 1234 5678', '+31612345678', 'NL'],
    ['+31 06 12345678', '+31612345678', 'NL'],
    ['+34 612 345 678', '+34612345678', 'ES'],
    ['0034612345678', '+34612345678', 'ES'],
    ['+34-612-34-56-78', '+34612345678', 'ES'],
    ['+57 300 123 4567', '+573001234567', 'CO'],
    ['+1 809 555 1234', '+18095551234', 'DO'],
    ['+55 11 96123 4567', '+5511961234567', 'BR'],
    ['+58 412 1234567', '+584121234567', 'VE'],
    ['+595 971 123456', '+595971123456', 'PY'],
    ['+40 721 234 567', '+40721234567', 'RO'],
    ['+36 20 123 4567', '+36201234567', 'HU'],
    ['+359 87 212 3456', '+359872123456', 'BG'],
    ['+234 803 123 4567', '+2348031234567', 'NG'],
    ['+66 81 234 5678', '+66812345678', 'TH'],
    ['+351 912 345 678', '+351912345678', 'PT'],
    ['+39 320 123 4567', '+393201234567', 'IT'],
  ];
  for (const [text, e164, country] of cases) {
    it(text, () => {
      const found = findPhones(`📞 ${text} 💋`);
      assert.equal(found.length, 1, text);
      const [p] = found;
      assert.equal(p!.e164, e164);
      assert.equal(p!.country, country);
      assert.equal(`📞 ${text} 💋`.slice(p!.start, p!.end), text);
      assert.equal(p!.form, 'international');
      assert.equal(p!.obscured, false);
    });
  }

  it('keeps a bracket that opens the number in the span', () => {
    expectOne('Tel (+31) 6 12345678', '+31612345678', '(+31) 6 12345678', 'international');
  });

  it('leaves a bracket around the whole number out of the span', () => {
    expectOne('Bel me (0612345678)', '+31612345678', '0612345678', 'plain');
  });

  it('reads "+ 40 …" with a space after the plus', () => {
    expectOne('Tel + 40 721 234 567', '+40721234567', '+ 40 721 234 567', 'international');
  });

  it('takes a stray plus before a national number as a bullet', () => {
    expectOne('150+0612345678', '+31612345678', '0612345678', 'plain');
  });

  it('accepts a number metadata does not know yet when written with an explicit +', () => {
    // +66 69… has the length of a Thai mobile but is not in libphonenumber's ranges.
    expectOne('Tel: +66698233590', '+66698233590', '+66698233590', 'international');
  });

  it('accepts it after 00 as well, but not when something follows that could belong to it', () => {
    expectOne('Tel: 0066698233590', '+66698233590', '0066698233590', 'international');
    assert.deepEqual(read('Tel: +66 698 233 590 12'), []);
  });
});

describe('findPhones: obscured numbers', () => {
  it('reads O/o for 0 and l/I for 1 inside a number', () => {
    expectOne('app O6-l2345678 nu', '+31612345678', 'O6-l2345678', 'letters', true);
    expectOne('bel o6 I2 34 56 78', '+31612345678', 'o6 I2 34 56 78', 'letters', true);
    expectOne('OO31 6 l2345678', '+31612345678', 'OO31 6 l2345678', 'letters', true);
  });

  it('reads letters for digits among single spaced digits', () => {
    expectOne(
      'Tel: + 57 3 O O 3 8 3 3 4 O 1. Tot snel',
      '+573003833401',
      '+ 57 3 O O 3 8 3 3 4 O 1',
      'letters',
      true,
    );
  });

  it('does not cut off a letter digit at the end', () => {
    expectOne(
      'Alleen app: + 595 9 7 2 9 3 2 8 3 O',
      '+595972932830',
      '+ 595 9 7 2 9 3 2 8 3 O',
      'letters',
      true,
    );
  });

  it('leaves words with O, I and l alone', () => {
    expectOne('Bel of app Iris Olga 0612345678', '+31612345678', '0612345678', 'plain');
    assert.deepEqual(read('Ik ben Iris, Olga of Lola. I love it. Oo la la.'), []);
  });

  it('does not read the Spanish "o" between two numbers as a digit', () => {
    assert.deepEqual(read('0612345678 o 0687654321'), [
      { e164: '+31612345678', read: '0612345678', form: 'plain', obscured: false },
      { e164: '+31687654321', read: '0687654321', form: 'plain', obscured: false },
    ]);
  });

  it('reads keycap emoji digits, with and without the variation selector', () => {
    const withSelector = '0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣';
    expectOne(`WhatsApp ${withSelector}!`, '+31612345678', withSelector, 'keycap', true);
    const bare = '0\u20E36\u20E31\u20E32\u20E33\u20E34\u20E35\u20E36\u20E37\u20E38\u20E3';
    expectOne(`WhatsApp ${bare}!`, '+31612345678', bare, 'keycap', true);
    const spaced = '0️⃣ 6️⃣ 1️⃣ 2️⃣ 3️⃣ 4️⃣ 5️⃣ 6️⃣ 7️⃣ 8️⃣';
    expectOne(`app ${spaced}`, '+31612345678', spaced, 'keycap', true);
  });

  it('reads keycaps after an international prefix', () => {
    const text = '+40 7️⃣2️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣';
    expectOne(`Bel ${text}`, '+40721234567', text, 'keycap', true);
  });

  it('reads full-width digits', () => {
    expectOne(
      'Tel：０６１２３４５６７８',
      '+31612345678',
      '０６１２３４５６７８',
      'fullwidth',
      true,
    );
  });

  it('reads other Unicode decimal digits (mathematical bold, Arabic-Indic)', () => {
    expectOne('Bel 𝟎𝟔𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖', '+31612345678', '𝟎𝟔𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖', 'unicode-digits', true);
    expectOne('Bel ٠٦١٢٣٤٥٦٧٨', '+31612345678', '٠٦١٢٣٤٥٦٧٨', 'unicode-digits', true);
  });

  it('reads star, underscore and tilde separators', () => {
    expectOne('app 06*12*34*56*78', '+31612345678', '06*12*34*56*78', 'stars', true);
    expectOne('app 06_12_34_56_78', '+31612345678', '06_12_34_56_78', 'stars', true);
    expectOne('app 06~12~34~56~78', '+31612345678', '06~12~34~56~78', 'stars', true);
  });

  it('reads single spaced digits', () => {
    expectOne('Bel 0 6 1 2 3 4 5 6 7 8 xx', '+31612345678', '0 6 1 2 3 4 5 6 7 8', 'spaced', true);
    expectOne(
      'Bel + 34 6 1 2 3 4 5 6 7 8',
      '+34612345678',
      '+ 34 6 1 2 3 4 5 6 7 8',
      'spaced',
      true,
    );
  });
});

describe('findPhones: spelled-out numbers', () => {
  const cases: [string, string][] = [
    ['nul zes een twee drie vier vijf zes zeven acht', 'nl'],
    ['zero six one two three four five six seven eight', 'en'],
    ['oh six one two three four five six seven eight', 'en with oh'],
    ['cero seis uno dos tres cuatro cinco seis siete ocho', 'es'],
    ['zero seis um dois três quatro cinco seis sete oito', 'pt'],
    ['NUL ZES EEN TWEE DRIE VIER VIJF ZES ZEVEN ACHT', 'shouting'],
    ['nul-zes-een-twee-drie-vier-vijf-zes-zeven-acht', 'dashes'],
    ['nul, zes, een, twee, drie, vier, vijf, zes, zeven, acht', 'commas'],
  ];
  for (const [spelled, label] of cases) {
    it(label, () => expectOne(`Alleen app: ${spelled}.`, '+31612345678', spelled, 'spelled', true));
  }

  it('reads Dutch "een" as 1 inside a number', () => {
    expectOne(
      'Alleen app: nul zes twee een een zeven zes zeven negen zes',
      '+31621176796',
      'nul zes twee een een zeven zes zeven negen zes',
      'spelled',
      true,
    );
  });

  it('survives a typo in a longer number word', () => {
    const spelled = 'cero seis cautro cinco cinco nueve nueve ocho seis seis';
    expectOne(`📞 ${spelled}`, '+31645599866', spelled, 'spelled', true);
  });

  it('mixes digits and words', () => {
    expectOne(
      'bel 06 een twee drie vier vijf zes zeven acht',
      '+31612345678',
      '06 een twee drie vier vijf zes zeven acht',
      'spelled',
      true,
    );
  });

  it('ignores number words in prose', () => {
    assert.deepEqual(read('een twee keer per week, drie of vier uur, zes dagen per week'), []);
    assert.deepEqual(read('Ik ben een lief meisje en heb twee vriendinnen, one two three'), []);
    assert.deepEqual(read('uno dos tres cuatro cinco seis siete ocho nueve'), []);
  });

  it('does not let a stray "een" before a number join it', () => {
    expectOne('bel een 0612345678', '+31612345678', '0612345678', 'plain');
  });
});

describe('findPhones: WhatsApp links', () => {
  const cases: [string, string, string][] = [
    ['wa.me/34612345678', '+34612345678', '34612345678'],
    ['https://wa.me/34612345678', '+34612345678', '34612345678'],
    ['www.wa.me/31612345678', '+31612345678', '31612345678'],
    ['https://wa.me/+31612345678', '+31612345678', '+31612345678'],
    ['https://api.whatsapp.com/send?phone=34612345678', '+34612345678', '34612345678'],
    ['api.whatsapp.com/send/?phone=573001234567&text=Hola', '+573001234567', '573001234567'],
  ];
  for (const [text, e164, readText] of cases) {
    it(text, () => expectOne(`Schrijf me ${text} !`, e164, readText, 'whatsapp-link'));
  }

  it('reads the number once when the link has a +', () => {
    assert.equal(findPhones('wa.me/+34612345678').length, 1);
  });

  it('does not read other digits in links', () => {
    assert.deepEqual(read('https://escortgids.test/advertentie/767531'), []);
  });
});

describe('findPhones: things that are not phone numbers', () => {
  const notPhones = [
    '150 p/u',
    '€ 100,-',
    '€100,- per uur',
    '200 rozen',
    '1500 euro',
    '€ 1.500',
    '1.65',
    '1,70 m',
    '165 cm',
    '55 kg',
    '12-03-2023',
    '2023-03-12',
    '01-02-2023',
    '12/03',
    '21:00',
    '10.00-22.00 uur',
    'van 9.00 tot 23.00',
    '00.30-06.00',
    '1012 AB',
    '1012AB',
    '75C',
    '90-60-90',
    'maat 36',
    '23 jaar',
    '2023',
    '24/7',
    'KvK 12345678',
    'Order 0123',
    'Ref 06123',
    '061234567',
    '061234567890',
    '+31 6 1234',
    '00000000000',
  ];
  for (const text of notPhones) {
    it(text, () => assert.deepEqual(read(`Ik ben ${text} xx`), []));
  }

  it('finds nothing in a text without numbers, or an empty one', () => {
    assert.deepEqual(read(''), []);
    assert.deepEqual(read('Hoi schatjes 💋 Lekker lichaam en een mooie glimlach.'), []);
  });
});

describe('findPhones: numbers next to distractors', () => {
  const cases: [string, string][] = [
    ['150 p/u 0612345678', '0612345678'],
    ['€ 100,- 0612345678', '0612345678'],
    ['200 rozen 06-12345678', '06-12345678'],
    ['1.65 06 12 34 56 78', '06 12 34 56 78'],
    ['165 0612345678', '0612345678'],
    ['23 0612345678', '0612345678'],
    ['12-03-2023 0612345678', '0612345678'],
    ['05-03-2023 06 12 34 56 78', '06 12 34 56 78'],
    ['2023-03-05 06 12 34 56 78', '06 12 34 56 78'],
    ['van 9.00 tot 23.00 0612345678', '0612345678'],
    ['10.00-22.00 06 12 34 56 78', '06 12 34 56 78'],
    ['1012 AB 0612345678', '0612345678'],
    ['24/7 0612345678', '0612345678'],
    ['0612345678 24/7', '0612345678'],
    ['0612345678 23 jaar', '0612345678'],
    ['06 12 34 56 78 150 p/u', '06 12 34 56 78'],
    ['96-62-90 0612345678', '0612345678'],
  ];
  for (const [text, readText] of cases) {
    it(text, () => expectOne(text, '+31612345678', readText, 'plain'));
  }
});

describe('findPhones: numbers that look like phones but are labelled or measured', () => {
  it('does not read an IBAN, written in groups or in one, as a phone', () => {
    assert.deepEqual(read('IBAN NL08 ABNA 0525 5792 64'), []);
    assert.deepEqual(read('Betalen op NL08 ABNA 0525 5792 64 of NL08ABNA0525579264'), []);
  });

  it('does not read a number after KvK or a reference as a phone', () => {
    assert.deepEqual(read('KvK: 0525579264'), []);
    assert.deepEqual(read('ref 0612345678'), []);
  });

  it('does not glue a quantity before its unit onto a number', () => {
    assert.deepEqual(read('0109568 236 rozen'), []);
    assert.deepEqual(read('053312 8.648,-'), []);
    expectOne('0612345678 236 rozen', '+31612345678', '0612345678', 'plain');
  });

  it('does not read times as part of a number, but keeps dotted numbers', () => {
    assert.deepEqual(read('08.00-08.32 uur'), []);
    expectOne('tot 21.00 06.12.34.56.78', '+31612345678', '06.12.34.56.78', 'plain');
  });

  it('reads long digit runs glued to a word', () => {
    expectOne('Sofia0612345678', '+31612345678', '0612345678', 'plain');
    expectOne('bel 0612345678xxx', '+31612345678', '0612345678', 'plain');
    assert.deepEqual(read('80D 1012AB x0612345678y'), []);
  });
});

describe('findPhones: several numbers', () => {
  it('returns one result per occurrence, each with its own span', () => {
    const text = 'Bel 0612345678 of app 0612345678';
    const found = findPhones(text);
    assert.equal(found.length, 2);
    assert.deepEqual(
      found.map((p) => [p.e164, p.start, p.end]),
      [
        ['+31612345678', 4, 14],
        ['+31612345678', 22, 32],
      ],
    );
  });

  it('splits numbers written back to back', () => {
    assert.deepEqual(
      read('Tel: 06-12345678/06-87654321').map((p) => [p.e164, p.read]),
      [
        ['+31612345678', '06-12345678'],
        ['+31687654321', '06-87654321'],
      ],
    );
    assert.deepEqual(
      read('06 12 34 56 78 - 06 87 65 43 21').map((p) => [p.e164, p.read]),
      [
        ['+31612345678', '06 12 34 56 78'],
        ['+31687654321', '06 87 65 43 21'],
      ],
    );
  });

  it('finds a national and a foreign number in one ad, in order', () => {
    assert.deepEqual(
      read('Bel 06 1234 5678 of WhatsApp +34 612 345 678').map((p) => [p.e164, p.read]),
      [
        ['+31612345678', '06 1234 5678'],
        ['+34612345678', '+34 612 345 678'],
      ],
    );
  });

  it('returns results in text order with the link among them', () => {
    const text = 'wa.me/34612345678 of bel 0612345678';
    assert.deepEqual(
      read(text).map((p) => p.form),
      ['whatsapp-link', 'plain'],
    );
  });
});

describe('findPhones: offsets and options', () => {
  it('gives UTF-16 offsets into the original text, emoji included', () => {
    const text = '💋💋 Hoi 😘 bel 📞0612345678💋 xxx';
    const [p] = findPhones(text);
    assert.equal(text.slice(p!.start, p!.end), '0612345678');
    assert.equal(p!.start, text.indexOf('0612'));
  });

  it('reads national numbers for another default country', () => {
    assert.deepEqual(read('Llámame 612 345 678', { defaultCountry: 'ES' }), [
      { e164: '+34612345678', read: '612 345 678', form: 'plain', obscured: false },
    ]);
    // A Dutch national number is not Spanish.
    assert.deepEqual(read('0612345678', { defaultCountry: 'ES' }), []);
    // International numbers do not depend on it.
    assert.equal(findPhones('+31612345678', { defaultCountry: 'ES' })[0]?.e164, '+31612345678');
  });

  it('handles a whole ad the way the synthetic generator writes one', () => {
    const text =
      'Hey lieverd 💕. Ik ben Dóra, 29 jaar. Sensueel, speels en ondeugend. 1592 AB. 80D. ' +
      '12-03-2023. € 100,-. 150 p/u. 1,71 m. van 10.00 tot 23.00. 24/7 beschikbaar. ' +
      'Alleen app: nul zes twee een een zeven zes zeven negen zes. Of +34 612 345 678. Kusjes';
    assert.deepEqual(
      read(text).map((p) => [p.e164, p.read, p.form]),
      [
        ['+31621176796', 'nul zes twee een een zeven zes zeven negen zes', 'spelled'],
        ['+34612345678', '+34 612 345 678', 'international'],
      ],
    );
  });
});
