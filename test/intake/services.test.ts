import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findServices, SERVICES } from '../../src/intake/ads/services.js';

/** Each service as "code:what was read". */
function services(text: string): string[] {
  return findServices(text).map((s) => `${s.code}:${text.slice(s.start, s.end)}`);
}

function codes(text: string): string[] {
  return findServices(text).map((s) => s.code);
}

describe('SERVICES', () => {
  it('is a coded list with Dutch and English labels', () => {
    assert.ok(SERVICES.length >= 15 && SERVICES.length <= 25);
    const seen = new Set<string>();
    for (const s of SERVICES) {
      assert.match(s.code, /^[a-z0-9-]+$/);
      assert.ok(!seen.has(s.code), s.code);
      seen.add(s.code);
      assert.ok(s.nl.length > 0 && s.en.length > 0);
    }
    for (const code of ['gfe', 'unprotected', 'oral-unprotected', 'anal', 'incall', 'outcall'])
      assert.ok(seen.has(code), code);
  });

  it('finds only codes from the list', () => {
    const known = new Set(SERVICES.map((s) => s.code));
    const text =
      'GFE, PSE, massage, erotische massage, handjob, pijpen, BBBJ, CIM, zonder condoom, ' +
      'veilig vrijen, alles kan, anaal, rimming, zoenen, tongzoenen, dominant, bdsm, striptease, ' +
      'speeltjes, koppels, duo, escort, ontvangst, hele nacht, 69';
    const found = codes(text);
    for (const code of found) assert.ok(known.has(code), code);
    assert.deepEqual(new Set(found), known);
  });
});

describe('findServices: what an ad offers', () => {
  it('reads services with exact spans', () => {
    assert.deepEqual(findServices('Echte GFE en 69'), [
      { start: 6, end: 9, code: 'gfe' },
      { start: 13, end: 15, code: '69' },
    ]);
  });

  it('reads Dutch ads', () => {
    assert.deepEqual(
      services(
        'Ik ontvang je in mijn appartement. Zoenen, een echte GFE en een erotische massage. ' +
          'Escort en privé ontvangst mogelijk. Hele nacht op aanvraag.',
      ),
      [
        'incall:ontvang',
        'incall:appartement',
        'kissing:Zoenen',
        'gfe:GFE',
        'erotic-massage:erotische massage',
        'outcall:Escort',
        'incall:privé ontvangst',
        'overnight:Hele nacht',
      ],
    );
    assert.deepEqual(services('Een echte vriendinnen ervaring (GFE)'), [
      'gfe:vriendinnen ervaring',
      'gfe:GFE',
    ]);
  });

  it('reads English, Spanish and Portuguese ads', () => {
    assert.deepEqual(
      services('Real girlfriend experience, deep french kissing, 69 and body to body massage.'),
      [
        'gfe:girlfriend experience',
        'french-kissing:french kissing',
        '69:69',
        'erotic-massage:body to body massage',
      ],
    );
    assert.deepEqual(services('Outcall and incall possible'), ['outcall:Outcall', 'incall:incall']);
    assert.deepEqual(services('Salidas y en mi piso. Besos con lengua y beso negro.'), [
      'outcall:Salidas',
      'incall:mi piso',
      'french-kissing:Besos con lengua',
      'rimming:beso negro',
    ]);
    assert.deepEqual(services('Atendo em apartamento e faço massagem tântrica'), [
      'incall:Atendo em apartamento',
      'erotic-massage:massagem tântrica',
    ]);
  });

  it('reads the slang', () => {
    assert.deepEqual(codes('Frans, GV, zoenen'), ['oral', 'kissing']);
    assert.deepEqual(codes('Grieks mogelijk'), ['anal']);
    assert.deepEqual(codes('AV en zonder mogelijk'), ['anal', 'unprotected']);
    assert.deepEqual(codes('hacemos a la griega'), ['anal']);
    assert.deepEqual(codes('francés natural'), ['oral-unprotected']);
    assert.deepEqual(codes('pijpen natuur'), ['oral-unprotected']);
  });

  it('keeps "Thai massage" a massage', () => {
    assert.deepEqual(services('Thai massage'), ['massage:massage']);
    assert.deepEqual(services('Thaise massage met happy ending'), [
      'erotic-massage:massage met happy ending',
    ]);
  });

  it('returns every mention, in order', () => {
    assert.deepEqual(codes('GFE. Ook GFE. Massage.'), ['gfe', 'gfe', 'massage']);
  });
});

describe('findServices: unprotected, the indicator', () => {
  it('reads unprotected sex in every language', () => {
    for (const [text, read] of [
      ['ook zonder', 'zonder'],
      ['Alles kan, ook zonder bescherming', 'zonder bescherming'],
      ['zonder condoom', 'zonder condoom'],
      ['alles zonder', 'alles zonder'],
      ['zonder mogelijk', 'zonder'],
      ['zonder +50', 'zonder'],
      ['met of zonder condoom', 'zonder condoom'],
      ['bareback possible', 'bareback'],
      ['also without protection', 'without protection'],
      ['no condom needed', 'no condom'],
      ['también sin protección', 'sin protección'],
      ['sin condón', 'sin condón'],
      ['também sem proteção', 'sem proteção'],
      ['sem camisinha', 'sem camisinha'],
      ['GV natuur', 'GV natuur'],
    ] as const)
      assert.ok(services(text).includes(`unprotected:${read}`), `${text}: ${services(text)}`);
  });

  it('reads oral without condom apart', () => {
    assert.deepEqual(services('Pijpen zonder is mogelijk'), ['oral-unprotected:Pijpen zonder']);
    assert.deepEqual(services('blowjob zonder condoom'), [
      'oral-unprotected:blowjob zonder condoom',
    ]);
    assert.deepEqual(codes('BBBJ, OWO'), ['oral-unprotected', 'oral-unprotected']);
    assert.deepEqual(codes('oral sem camisinha'), ['oral-unprotected']);
  });

  it('does not read "zonder" that is not about a condom', () => {
    for (const text of [
      'zonder afspraak',
      'zonder haast',
      'zonder gedoe langskomen',
      'zonder taboes',
      'Sensual, playful and naughty',
      'todo sin límites',
    ])
      assert.ok(!codes(text).includes('unprotected'), text);
    assert.deepEqual(codes('zonder taboes'), ['no-limits']);
    assert.deepEqual(codes('todo sin límites'), ['no-limits']);
  });

  it('reads safe-only statements as protected, never unprotected', () => {
    for (const [text, read] of [
      ['nooit zonder', 'nooit zonder'],
      ['Nooit zonder condoom!', 'Nooit zonder condoom'],
      ['niet zonder', 'niet zonder'],
      ['altijd met condoom', 'altijd met condoom'],
      ['alleen veilig', 'alleen veilig'],
      ['alleen met condoom', 'alleen met condoom'],
      ['safe sex only', 'safe sex only'],
      ['never without a condom', 'never without a condom'],
      ['siempre con condón', 'siempre con condón'],
      ['Só com preservativo', 'Só com preservativo'],
    ] as const)
      assert.deepEqual(services(text), [`protected:${read}`], text);
  });

  it('reads negated unprotected sex as absent', () => {
    for (const text of [
      'geen zonder',
      'Geen anaal en geen zonder.',
      'No anal, no bareback',
      'nada de sin condón',
      'zonder condoom is niet mogelijk',
      'Zonder condoom? Nee',
      'Geen: anaal, zonder.',
    ])
      assert.ok(!codes(text).includes('unprotected'), `${text}: ${codes(text)}`);
  });
});

describe('findServices: negation', () => {
  it('drops services negated before them', () => {
    for (const text of [
      'geen anaal',
      'Geen anaal',
      'no anal',
      'not anal',
      'nada de anal',
      'nunca anal',
      'não faço anal',
      'no hago anal',
      'ik doe geen anaal',
      'alles behalve anaal',
      'everything except anal',
      '❌ anal',
      '🚫 anal',
    ])
      assert.deepEqual(codes(text), [], text);
  });

  it('drops services negated after them', () => {
    for (const text of [
      'anaal niet',
      'anaal: nee',
      'Anal: no',
      'anal ❌',
      'anal ✖️',
      'anal not possible',
    ])
      assert.deepEqual(codes(text), [], text);
  });

  it('drops a list after a negator and a colon, to the end of the sentence', () => {
    assert.deepEqual(codes('Geen: anaal, zoenen, zonder. Wel: GFE'), ['gfe']);
    assert.deepEqual(codes('Niet mogelijk: anaal, zoenen'), []);
    assert.deepEqual(codes('No: anal, kissing'), []);
  });

  it('keeps services next to a negation of something else', () => {
    assert.deepEqual(codes('Geen anaal, wel zoenen'), ['kissing']);
    assert.deepEqual(codes('anal ❌ kissing ✅'), ['kissing']);
    assert.deepEqual(codes('❌ anal, ✅ kissing'), ['kissing']);
    assert.deepEqual(codes('❌ anal ❌ kissing'), []);
    assert.deepEqual(codes('niet alleen zoenen maar ook anaal'), ['kissing', 'anal']);
    assert.deepEqual(codes('kissing no problem'), ['kissing']);
    assert.deepEqual(codes('Geen nep. Anaal mogelijk'), ['anal']);
    assert.deepEqual(codes('Anaal: ja. Zoenen: nee'), ['anal']);
    assert.deepEqual(codes('Ontvangst in Utrecht, geen escort'), ['incall']);
    assert.deepEqual(codes('Atendo no meu apartamento'), ['incall']);
  });
});

describe('findServices: words that are no service', () => {
  it('skips sign-offs, availability and languages', () => {
    for (const text of [
      'Kusjes',
      'Kisses xx',
      'Besos',
      'Beijinhos',
      'dag en nacht',
      "Ook 's nachts beschikbaar",
      'day and night',
      'ik spreek Frans en Engels',
      'Languages: English, French',
      'vragen stellen',
      'stel je voor',
      'a couple of hours',
      'Sensueel, speels en ondeugend',
      'Sensual, playful and naughty',
      'escortgids.test',
      'Bel 06 69 12 34 56',
      '€69 p/u',
      '69 jaar',
    ])
      assert.deepEqual(codes(text), [], text);
  });

  it('reads couples only where they are welcome', () => {
    assert.deepEqual(services('Ook stellen welkom'), ['couples:stellen']);
    assert.deepEqual(services('couples welcome'), ['couples:couples']);
  });
});
