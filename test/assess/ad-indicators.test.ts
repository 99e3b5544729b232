import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AD_INDICATORS } from '../../src/assess/indicators/ad-catalogue.js';
import {
  AD_DETECTOR_CODES,
  adIndicators,
  HIGH_RISK_SERVICES,
  type AdInput,
} from '../../src/assess/indicators/ad.js';
import { PhraseMatcher } from '../../src/assess/indicators/phrases.js';
import type { IndicatorHit } from '../../src/assess/indicators/types.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import type { CaptureInput } from '../../src/intake/ads/capture.js';
import { extractCapture } from '../../src/intake/ads/extract.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { WordList } from '../../src/intake/ads/language.js';
import type { Extraction } from '../../src/intake/ads/types.js';

/**
 * Ad-level indicator detectors on phrasings as real ads write them, in Dutch, English, Spanish
 * and Portuguese: case, accents, emoji and punctuation between words, negation, false friends,
 * and evidence that points at the right words.
 */

const EMPTY: Extraction = {
  phones: [],
  contacts: [],
  age: null,
  price: null,
  services: [],
  origins: [],
  language: { language: null, script: null },
  place: { status: 'unknown', reason: 'none' },
};

interface Options {
  title?: string;
  name?: string;
  extraction?: Partial<Extraction>;
  policeUnit?: string | null;
  median?: number | null;
}

function input(text: string, o: Options = {}): AdInput {
  return {
    id: 'test',
    fields: { text, title: o.title ?? null, name: o.name ?? null },
    extraction: { ...EMPTY, ...o.extraction },
    policeUnit: o.policeUnit ?? null,
    regionalMedianPrice: o.median ?? null,
  };
}

/** Runs the detectors and checks every piece of wording evidence against its field. */
function run(ad: AdInput, disabled?: ReadonlySet<string>): IndicatorHit[] {
  const hits = adIndicators(ad, disabled);
  for (const h of hits) {
    assert.ok(h.evidence.length > 0, `${h.code} without evidence`);
    for (const e of h.evidence) {
      assert.ok(e.text !== undefined || e.detail !== undefined, `${h.code}: empty evidence`);
      if (e.text !== undefined) {
        const value = ad.fields[e.field!];
        assert.equal(typeof value, 'string', `${h.code}: evidence field ${e.field}`);
        assert.equal(value!.slice(e.start, e.end), e.text, `${h.code}: offsets of "${e.text}"`);
      }
    }
  }
  return hits;
}

function codes(text: string, o: Options = {}): string[] {
  return run(input(text, o)).map((h) => h.code);
}

/** The words that made `code` fire, or [] when it did not. */
function said(text: string, code: string, o: Options = {}): string[] {
  const hit = run(input(text, o)).find((h) => h.code === code);
  return hit ? hit.evidence.map((e) => e.text ?? '') : [];
}

function fires(code: string, text: string, o: Options = {}): void {
  assert.ok(codes(text, o).includes(code), `${code} should fire on: ${text}`);
}

function silent(code: string, text: string, o: Options = {}): void {
  assert.ok(
    !codes(text, o).includes(code),
    `${code} should not fire on: ${text} (${said(text, code, o).join(' | ')})`,
  );
}

describe('third_person: the ad speaks about the woman', () => {
  it('reads she/zij/ella/ela, possessives, "our girls" in four languages', () => {
    for (const text of [
      'Zij is 23 en houdt van genieten',
      'Ze spreekt Engels en Spaans. Bel voor een afspraak',
      'Bel haar voor een afspraak',
      'Onze meiden staan voor je klaar 💋',
      'Nieuw meisje Anna, 22 jaar',
      "She's 21 and loves to party",
      'Our girls are waiting for you',
      'Girls available now!!',
      'Ask for Jasmine at the door',
      'Ella es muy cariñosa y complaciente',
      'Se llama Valentina y te espera',
      'Nuestras chicas te esperan',
      'Ela é carinhosa e adora dar prazer',
      'O nome dela é Bia',
      'Nossas meninas esperam por você',
    ])
      fires('third_person', text);
  });

  it('reads her own name used as a subject, in the text', () => {
    fires('third_person', 'Lotte is een lief meisje van 24 jaar', { name: 'Lotte' });
    fires('third_person', 'Welkom. Dit is Sanne, 27 jaar', { name: 'Sanne' });
    fires('third_person', 'Hallo heren. Onze Luna (33 jaar) ontvangt je graag');
    fires('third_person', 'Meet Luna, the sweetest girl in town');
    fires('third_person', 'Wendy es una chica dulce de 23 años', { name: 'Wendy' });
    assert.deepEqual(said('Hoi! Anna ontvangt je graag', 'third_person', { name: 'Anna' }), [
      'Anna ontvangt',
    ]);
  });

  it('is not first-person wording, nor a headline with her name', () => {
    for (const text of [
      'Ik ben Anna, 23 jaar. Ik hou van genieten',
      'I am a sweet girl, call me',
      'Soy una chica dulce y cariñosa',
      'Sou uma menina carinhosa',
      'Mijn naam is Roxy en ik ben 41',
      'Hot shemale in town',
      'She-male, 25',
    ])
      silent('third_person', text);
    // "Roxy verwent je" as a title is how headlines are written, by independents too.
    silent('third_person', 'Ik ben Roxy, bel me', { title: 'Roxy verwent je', name: 'Roxy' });
    silent('third_person', 'Ik ben Roxy', { title: 'This Is Real', name: 'Roxy' });
  });

  it('is not undone by a negation: "she is not new" is still about her', () => {
    fires('third_person', 'She is not new here');
  });
});

describe('whatsapp_only: contact by messages only', () => {
  it('reads "only WhatsApp" and "no calls" forms', () => {
    for (const text of [
      'Alleen WhatsApp: 06 12345678',
      'Niet bellen, alleen appen',
      'Geen telefoontjes!',
      'Contact alleen via WhatsApp',
      'Bellen kan niet, app me',
      'WhatsApp only',
      'Text only please',
      'No calls, text me',
      "Don't call, WhatsApp me",
      'Solo WhatsApp 💋',
      'No llamadas, solo mensajes',
      'Solo por WhatsApp',
      'SÓ WHATSAPP',
      'Não atendo ligações',
      'Apenas mensagens',
      'Alelen WhatsApp', // a swapped-letter typo
      'Stuur een appje, ik neem niet op',
      "I don't answer calls",
    ])
      fires('whatsapp_only', text);
  });

  it('is not "no hidden numbers", "not after ten", "niet via WhatsApp" or a plain offer to app', () => {
    for (const text of [
      'Bel niet via WhatsApp maar gewoon bellen',
      'niet via WhatsApp',
      'Bel of app 06 12345678',
      'No calls from hidden numbers',
      'Geen anonieme nummers',
      'Anoniem niet bellen',
      'Niet bellen na 22:00',
      'No calls after 10pm please',
      'Niet alleen WhatsApp, ook bellen mag',
      'So WhatsApp me when you are ready',
      'WhatsApp me or call',
      'No llamadas ocultas',
      'Bel of whatsapp en alleen serieuze heren',
      'Ik neem niet op bij anonieme nummers',
    ])
      silent('whatsapp_only', text);
  });

  it('fires on a WhatsApp contact when no number is offered to call', () => {
    const whatsappOnly: Partial<Extraction> = {
      contacts: [
        {
          kind: 'whatsapp',
          value: '+31612345678',
          spans: [{ field: 'contact.whatsapp', start: 0, end: 16 }],
        },
      ],
      phones: [
        {
          e164: '+31612345678',
          country: 'NL',
          obscured: false,
          forms: ['whatsapp-link'],
          spans: [{ field: 'contact.whatsapp', start: 0, end: 16 }],
        },
      ],
    };
    const hit = run(input('Lieve meid, kusjes', { extraction: whatsappOnly })).find(
      (h) => h.code === 'whatsapp_only',
    );
    assert.ok(hit);
    assert.match(hit.evidence[0]!.detail!, /only contact; no number to call/);
    // The same number in the site's phone field can be called.
    const withField: Partial<Extraction> = {
      ...whatsappOnly,
      phones: [
        {
          ...whatsappOnly.phones![0]!,
          forms: ['whatsapp-link', 'plain'],
          spans: [
            { field: 'phone', start: 0, end: 10 },
            { field: 'contact.whatsapp', start: 0, end: 16 },
          ],
        },
      ],
    };
    silent('whatsapp_only', 'Lieve meid, kusjes', { extraction: withField });
  });

  it('fires when the only number is labelled for WhatsApp and nothing invites a call', () => {
    const text = 'Hoi, ik ben Mia. Text me on WhatsApp 0612345678';
    const at = text.indexOf('0612345678');
    const phones: Extraction['phones'] = [
      {
        e164: '+31612345678',
        country: 'NL',
        obscured: false,
        forms: ['plain'],
        spans: [{ field: 'text', start: at, end: at + 10 }],
      },
    ];
    fires('whatsapp_only', text, { extraction: { phones } });
    const callable = 'Hoi, ik ben Mia. Bel of app 0612345678';
    const at2 = callable.indexOf('0612345678');
    silent('whatsapp_only', callable, {
      extraction: {
        phones: [{ ...phones[0]!, spans: [{ field: 'text', start: at2, end: at2 + 10 }] }],
      },
    });
  });
});

describe('youth: wording that stresses youth', () => {
  it('reads youth words in four languages', () => {
    for (const text of [
      'Jonge meid, net 18 geworden',
      'Petite en slank',
      'tienerlook 😘',
      'Jeugdige uitstraling',
      'young and sweet',
      'Barely legal',
      'just turned 18!',
      'Fresh face, first time here',
      'teen look',
      'Jovencita cariñosa',
      'recién cumplidos 18',
      '18 añitos',
      'Joven y complaciente',
      'Novinha safadinha',
      'Acabei de fazer 18',
      'Cuerpo de niña',
    ])
      fires('youth', text);
  });

  it('is not the stated age, an idiom, clients, hygiene or "18+"', () => {
    for (const text of [
      'Ik ben 18 jaar',
      'Ik ben 24 jaar',
      'Jong van geest, 45 jaar',
      '45 jaar jong',
      '37 years young',
      'Young at heart',
      'Jong en oud welkom',
      'Young men welcome',
      'Fresh towels and a clean shower',
      'Always fresh and clean',
      'Only 18+ please',
      'Alleen 18+',
      'Ik ben net 19:00 thuis',
      'Nieuw meisje Anna, 40 jaar', // "new girl" is newness, said at any age
      'New girl in town',
      'Chica nueva en Madrid',
      'Ik ben niet meer zo jong',
      'Not a teen',
      'Pijn aan mijn grote teen',
    ])
      silent('youth', text);
  });
});

describe('all_hours: available at any hour', () => {
  it('reads 24/7 and its kin in four languages', () => {
    for (const text of [
      '24/7 beschikbaar',
      'Beschikbaar 24/7 💋',
      'Dag en nacht bereikbaar',
      'Altijd beschikbaar voor jou',
      '24 uur per dag',
      '7 dagen per week',
      "Ook 's nachts",
      'available 24/7',
      'Day & night',
      '24 hours a day',
      'Around the clock',
      'open 24-7',
      'Disponible 24 horas',
      'Disponible las 24 horas',
      'día y noche',
      'Salidas\n24h\nHotel',
      'Disponível 24 horas',
      'Dia e noite',
      '24h por dia',
      'Todos los días 24h',
    ])
      fires('all_hours', text);
  });

  it('is not an age, a date, a price line, a reply time or a negation', () => {
    for (const text of [
      'Ik ben 24 jaar',
      'Niet 24/7',
      'geen 24/7 hoor',
      "I'm not available 24/7",
      'Dag en nacht: nee.',
      '❌ 24/7',
      'Vanaf 24/7/2023 in Utrecht',
      '24 uur: 1200 euro',
      '1 uur 150, 24 uur 1500',
      'Antwoord binnen 24 uur',
      'Bel 06-24-71234',
    ])
      silent('all_hours', text);
  });

  it('keeps a cross that belongs to the item before: "anaal ❌ 24/7 ✅"', () => {
    fires('all_hours', 'anaal ❌ 24/7 ✅');
  });
});

describe('trust_wording: claims to be real and reliable', () => {
  it('reads trust claims in four languages', () => {
    for (const text of [
      '100% echt',
      "Echte foto's!",
      'Geen nep!',
      'Betrouwbaar en discreet',
      'Discreet en professioneel',
      'Gegarandeerd echt',
      "Zoals op de foto's",
      "Mijn foto's zijn echt",
      '100% real',
      'Real photos',
      'Not fake',
      'No fakes, no scams',
      'Verified',
      'Pics are 100% real',
      'What you see is what you get',
      "It's really me",
      'Discreet & professional',
      'Fotos reales',
      'Fotos 100% reales',
      'Sin engaños',
      'Nada de fake',
      'Discreta y de confianza',
      'Igual que en las fotos',
      'Fotos reais',
      'Fotos 100% verdadeiras',
      'Sem enganação',
      'Confiável e discreta',
      'Igual às fotos',
      'Echt 100%',
      "Foto's 100% van mij",
      'Sin filtros',
    ])
      fires('trust_wording', text);
  });

  it('is not plain discretion, a compliment, clients, or new photos', () => {
    for (const text of [
      'Discreet',
      'Schone en discrete woning',
      'Echt lekker',
      'Betrouwbare heren gezocht',
      "Nieuwe foto's",
      '100% natural',
      'Verified clients only',
      '100 euro echt waar',
      'Ik ben niet betrouwbaar',
    ])
      silent('trust_wording', text);
  });
});

describe('movement_wording: a short stay or travel', () => {
  it('reads movement wording in four languages, emoji and typos included', () => {
    for (const text of [
      'Nieuw in de stad',
      'NIEUW IN ZWOLLE!!',
      'Nieuw-in-de-stad',
      'Alleen deze week in Breda',
      'Net aangekomen',
      'Laatste dagen!',
      'Op tour door Nederland',
      'Eerste dagen in Delft',
      'New in town',
      'New 🔥 in 🔥 town',
      'Just arrived',
      'This week only',
      'Last days!',
      'leaving soon',
      'Limited time',
      '#newintown',
      'Nueva en la ciudad',
      'RECIÉN LLEGADA',
      'recien llegada',
      'recién llegdaa',
      'Solo esta semana',
      'Últimos días',
      'De paso por Utrecht',
      'Nova na cidade',
      'Recém chegada',
      'Só esta semana',
      'Últimos dias',
      'Por poucos dias',
      'Hey! Nieuw hier in Amersfoort 😘',
      'Eerste keer in Nederland',
      'Only here till Sunday',
      'Hot girl visiting Amsterdam',
    ])
      fires('movement_wording', text);
  });

  it('is not new photos, new to the work, a schedule, or a negation', () => {
    for (const text of [
      "Nieuwe foto's",
      'Nieuw in het vak',
      'new to escorting',
      'Niet nieuw in de stad',
      'Ik ben niet nieuw in de stad',
      "I'm not new in town",
      'No soy nueva en la ciudad',
      'I saw him a few days ago',
      'Een paar dagen in de week beschikbaar',
      'Y de paso te cuento un secreto',
      'Short time 80',
      'Kort bezoek mogelijk',
      'So this week was great',
      'First time in this business',
    ])
      silent('movement_wording', text);
  });
});

describe('fact indicators', () => {
  let places: PlaceResolver;
  before(() => {
    places = new PlaceResolver(loadGazetteer());
  });

  function fromCapture(c: Partial<CaptureInput> & { text: string }, o: Options = {}) {
    const capture: CaptureInput = {
      source: 'test.example',
      source_id: '1',
      captured_at: '2023-03-01T12:00:00+01:00',
      ...c,
    };
    const extraction = extractCapture(capture, places);
    const fields: AdInput['fields'] = {
      text: c.text,
      title: c.title ?? null,
      name: c.name ?? null,
    };
    if (c.phone) Object.assign(fields, { phone: c.phone });
    if (c.price) Object.assign(fields, { price: c.price });
    return run({
      id: 'c',
      fields,
      extraction,
      policeUnit: o.policeUnit ?? null,
      regionalMedianPrice: o.median ?? null,
    });
  }

  it('obscured_phone: a number written to dodge filters, with the number in words', () => {
    const text = 'Bel me op nul zes een twee drie vier vijf zes zeven acht';
    const hit = fromCapture({ text }).find((h) => h.code === 'obscured_phone');
    assert.ok(hit, 'obscured_phone');
    assert.match(hit.evidence[0]!.detail!, /^\+31 6 12345678 is written to dodge filters/);
    assert.equal(hit.evidence[0]!.field, 'text');
    assert.ok(
      !fromCapture({ text: 'Bel me op 06 12345678' }).some((h) => h.code === 'obscured_phone'),
    );
  });

  it('foreign_number: a non-Dutch number, with the unit it is placed in', () => {
    const hits = fromCapture({ text: 'Llámame al +34 612 34 56 78' }, { policeUnit: 'ON' });
    const hit = hits.find((h) => h.code === 'foreign_number');
    assert.ok(hit);
    assert.equal(
      hit.evidence[0]!.detail,
      '+34 612 34 56 78 is a Spanish number; the ad is placed in police unit Oost-Nederland',
    );
    assert.equal(hit.evidence[0]!.text, '+34 612 34 56 78');
    assert.ok(!fromCapture({ text: 'Bel 06 12345678' }).some((h) => h.code === 'foreign_number'));
  });

  it('stated_ethnicity: a stated origin, quoted', () => {
    const hit = fromCapture({ text: 'Mooie Colombiaanse dame' }).find(
      (h) => h.code === 'stated_ethnicity',
    );
    assert.deepEqual(
      hit?.evidence.map((e) => e.text),
      ['Colombiaanse'],
    );
    assert.ok(
      !fromCapture({ text: 'Ik spreek Nederlands en Engels' }).some(
        (h) => h.code === 'stated_ethnicity',
      ),
    );
  });

  it('unprotected_services: unprotected, no limits and CIM; not protected or plain anal', () => {
    const hit = fromCapture({ text: 'AV en zonder mogelijk. Alles kan. CIM ok' }).find(
      (h) => h.code === 'unprotected_services',
    );
    assert.ok(hit);
    assert.deepEqual(
      hit.evidence.map((e) => e.text),
      ['zonder', 'Alles kan', 'CIM'],
    );
    for (const text of ['Anaal mogelijk, altijd met condoom', 'Nooit zonder', 'Geen CIM'])
      assert.ok(
        !fromCapture({ text }).some((h) => h.code === 'unprotected_services'),
        `unprotected_services on: ${text}`,
      );
    assert.ok(HIGH_RISK_SERVICES.has('oral-unprotected'));
  });

  it('low_price: at or below 60% of the regional median, stating both numbers', () => {
    const low = fromCapture({ text: 'Hoi', price: '80 p/u' }, { policeUnit: 'ON', median: 150 });
    const hit = low.find((h) => h.code === 'low_price');
    assert.ok(hit);
    assert.match(hit.evidence[0]!.detail!, /€80 per hour is 53% of the median €150 per hour/);
    assert.match(hit.evidence[0]!.detail!, /Oost-Nederland/);
    assert.equal(hit.evidence[0]!.text, '80 p/u');
    const edge = fromCapture({ text: 'Hoi', price: '90 p/u' }, { policeUnit: 'ON', median: 150 });
    assert.ok(
      edge.some((h) => h.code === 'low_price'),
      '90 is exactly 60% of 150',
    );
    for (const [price, median] of [
      ['100 p/u', 150],
      ['80 p/u', null],
    ] as const)
      assert.ok(
        !fromCapture({ text: 'Hoi', price }, { policeUnit: 'ON', median }).some(
          (h) => h.code === 'low_price',
        ),
        `${price} against ${median}`,
      );
    // No duration written in the text: no hourly price to compare.
    assert.ok(
      !fromCapture({ text: 'Prijs 50 euro' }, { policeUnit: 'ON', median: 150 }).some(
        (h) => h.code === 'low_price',
      ),
    );
  });
});

describe('adIndicators as a whole', () => {
  const text = 'NIEUW IN DE STAD 🔥 Zij is jong, 100% echt en 24/7 beschikbaar. Alleen WhatsApp!';

  it('reports every indicator once, in catalogue order, with offsets into the field', () => {
    const hits = run(input(text, { title: 'Nieuw: Anna 💋' }));
    assert.deepEqual(
      hits.map((h) => h.code),
      ['third_person', 'whatsapp_only', 'youth', 'all_hours', 'trust_wording', 'movement_wording'],
    );
    const youth = hits.find((h) => h.code === 'youth')!;
    assert.deepEqual(youth.evidence, [
      { text: 'jong', field: 'text', start: text.indexOf('jong'), end: text.indexOf('jong') + 4 },
    ]);
  });

  it('reads the title as well and says which field the words are in', () => {
    const hits = run(input('Hoi schat', { title: 'Nieuw in Utrecht' }));
    const ev = hits.find((h) => h.code === 'movement_wording')!.evidence[0]!;
    assert.equal(ev.field, 'title');
    assert.equal(ev.text, 'Nieuw in Utrecht');
  });

  it('leaves out disabled indicators, and only those', () => {
    const all = run(input(text)).map((h) => h.code);
    const some = run(input(text), new Set(['all_hours', 'youth'])).map((h) => h.code);
    assert.deepEqual(
      some,
      all.filter((c) => c !== 'all_hours' && c !== 'youth'),
    );
    assert.deepEqual(run(input(text), new Set(AD_DETECTOR_CODES)), []);
  });

  it('finds nothing in a plain ad', () => {
    assert.deepEqual(
      codes('Hoi, ik ben Anna. Ik ontvang je graag in mijn schone appartement. Bel me! Kusjes'),
      [],
    );
  });
});

describe('AD_INDICATORS: the catalogue', () => {
  const study = ['obscured_phone', 'trust_wording', 'youth', 'stated_ethnicity'];

  it('defines every detector and detects every definition', () => {
    const defined = AD_INDICATORS.map((d) => d.code).sort();
    assert.deepEqual(defined, [...AD_DETECTOR_CODES]);
    for (const code of [
      'third_person',
      'obscured_phone',
      'foreign_number',
      'whatsapp_only',
      'stated_ethnicity',
      'youth',
      'all_hours',
      'unprotected_services',
      'low_price',
      'trust_wording',
      'movement_wording',
    ])
      assert.ok(defined.includes(code), code);
    assert.equal(new Set(defined).size, defined.length, 'codes are unique');
  });

  it('describes each indicator in Dutch and English, with its detection and source', () => {
    for (const d of AD_INDICATORS) {
      assert.match(d.code, /^[a-z]+(?:_[a-z]+)*$/);
      assert.equal(d.level, 'ad');
      for (const text of [d.name.nl, d.name.en, d.description.nl, d.description.en, d.detection])
        assert.ok(text.length > 5, `${d.code}: ${text}`);
      assert.ok(['study', 'signal-list', 'expert-prior'].includes(d.source.kind), d.code);
      assert.ok(d.source.citation.length > 10 && d.source.finding.length > 10, d.code);
      assert.ok(Number.isFinite(d.defaultWeight) && Math.abs(d.defaultWeight) <= 1, d.code);
      for (const l of d.languages) assert.ok(['nl', 'en', 'es', 'pt'].includes(l), d.code);
    }
  });

  it('follows the study: movement lowers the score, its four positive findings raise it', () => {
    const byCode = new Map(AD_INDICATORS.map((d) => [d.code, d]));
    const movement = byCode.get('movement_wording')!;
    assert.ok(movement.defaultWeight < 0);
    assert.equal(movement.source.kind, 'study');
    for (const code of study) {
      const d = byCode.get(code)!;
      assert.equal(d.source.kind, 'study', code);
      assert.ok(d.defaultWeight >= 0.3, code);
      assert.match(d.source.citation, /NIJ/);
    }
    for (const d of AD_INDICATORS)
      if (d.code !== 'movement_wording') assert.ok(d.defaultWeight > 0);
  });

  it('lists the four languages for wording detectors and none for facts', () => {
    const wording = new Set([
      'third_person',
      'whatsapp_only',
      'youth',
      'all_hours',
      'trust_wording',
      'movement_wording',
    ]);
    for (const d of AD_INDICATORS)
      assert.deepEqual(d.languages, wording.has(d.code) ? ['nl', 'en', 'es', 'pt'] : [], d.code);
  });
});

describe('PhraseMatcher: the phrase syntax', () => {
  const matcher = new PhraseMatcher([
    { code: 'a', phrase: 'nieuw|new in de|the? stad|town' },
    { code: 'b', phrase: 'nieuw in @Cap' },
    { code: 'c', phrase: '@Name is' },
    { code: 'd', phrase: 'echte foto' },
    { code: 'e', phrase: 'she is' },
    { code: 'f', phrase: 'beschikbaar' },
  ]);
  const list = new WordList();
  const find = (text: string, names: string[] = []) =>
    matcher
      .find(text, list.read(text), [], names)
      .map((h) => `${h.code}:${text.slice(h.start, h.end)}`);

  it('matches choices, optional words, emoji and signs between words, any case', () => {
    assert.deepEqual(find('NEW 🔥 in the TOWN'), ['a:NEW 🔥 in the TOWN']);
    assert.deepEqual(find('nieuw-in-de-stad'), ['a:nieuw-in-de-stad']);
    assert.deepEqual(find('nieuw in. de stad'), []);
  });

  it('takes a capitalised word for @Cap, but no function word', () => {
    assert.deepEqual(find('Nieuw in Zwolle'), ['b:Nieuw in Zwolle']);
    assert.deepEqual(find('nieuw in zwolle'), []);
    assert.deepEqual(find('Nieuw In Het vak'), []);
  });

  it("takes the ad's own name for @Name", () => {
    assert.deepEqual(find('Roxy is lief', ['roxy']), ['c:Roxy is']);
    assert.deepEqual(find('Roxy is lief'), []);
  });

  it("absorbs a trailing 's and reads she's as she is", () => {
    assert.deepEqual(find("echte foto's!"), ["d:echte foto's"]);
    assert.deepEqual(find("she's 22"), ["e:she's"]);
  });

  it('forgives two swapped letters in words of five letters or more only', () => {
    assert.deepEqual(find('beschkibaar'), ['f:beschkibaar']);
    assert.deepEqual(find('nieuw in de tsad'), []);
  });

  it('rejects a phrase word that is not one word', () => {
    assert.throws(() => new PhraseMatcher([{ code: 'x', phrase: "foto's" }]), /not one word/);
  });
});
