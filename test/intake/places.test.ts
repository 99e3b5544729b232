import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';
import { ALIAS_GROUPS, NOT_PLACES, PROVINCES } from '../../src/intake/ads/place-aliases.js';
import { normalizePlace, PlaceResolver } from '../../src/intake/ads/places.js';
import type { PlaceResolution } from '../../src/intake/ads/types.js';

// Codes looked up in ../shared/data/geo/gemeente-eenheid.csv and woonplaatsen.csv.
const AMSTERDAM = 'GM0363';
const ROTTERDAM = 'GM0599';
const DEN_HAAG = 'GM0518';
const UTRECHT = 'GM0344';
const EINDHOVEN = 'GM0772';
const DEN_BOSCH = 'GM0796';
const GRONINGEN = 'GM0014';
const HENGELO_O = 'GM0164';
const BRONCKHORST = 'GM1876';
const BERGEN_NH = 'GM0373';
const BERGEN_L = 'GM0893';
const ZUIDPLAS = 'GM1892';
const WESTERKWARTIER = 'GM1969';

let geo: Gazetteer;
let places: PlaceResolver;

before(() => {
  geo = loadGazetteer();
  places = new PlaceResolver(geo);
});

function code(r: PlaceResolution): string {
  return r.status === 'resolved' ? r.municipalityCode : `${r.status}: ${r.reason}`;
}

function resolved(location: string, context?: string) {
  const r = places.resolve(location, context);
  assert.equal(r.status, 'resolved', `${JSON.stringify(location)}: ${JSON.stringify(r)}`);
  return r as Extract<PlaceResolution, { status: 'resolved' }>;
}

function ambiguous(location: string, context?: string) {
  const r = places.resolve(location, context);
  assert.equal(r.status, 'ambiguous', `${JSON.stringify(location)}: ${JSON.stringify(r)}`);
  return r as Extract<PlaceResolution, { status: 'ambiguous' }>;
}

function unknown(location: string, context?: string): string {
  const r = places.resolve(location, context);
  assert.equal(r.status, 'unknown', `${JSON.stringify(location)}: ${JSON.stringify(r)}`);
  return (r as Extract<PlaceResolution, { status: 'unknown' }>).reason;
}

/** [location, expected code, via?] */
function expectAll(cases: readonly (readonly [string, string, string?])[]): void {
  for (const [location, expected, via] of cases) {
    const r = places.resolve(location);
    assert.equal(code(r), expected, JSON.stringify(location));
    if (via && r.status === 'resolved') assert.equal(r.via, via, `${JSON.stringify(location)} via`);
  }
}

describe('PlaceResolver: municipalities', () => {
  it('resolves every municipality by its official name, in capitals and without diacritics', () => {
    for (const m of geo.municipalities) {
      for (const text of [
        m.name,
        m.name.toUpperCase(),
        m.name.toLowerCase(),
        m.name.normalize('NFD').replace(/\p{M}/gu, ''),
      ]) {
        const r = places.resolve(text);
        assert.equal(code(r), m.code, JSON.stringify(text));
      }
      assert.equal((resolved(m.name) as { via: string }).via, 'municipality');
    }
  });

  it('fills in safety region and police unit from the gazetteer', () => {
    const r = resolved('Amsterdam');
    assert.deepEqual(r, {
      status: 'resolved',
      municipalityCode: AMSTERDAM,
      municipality: 'Amsterdam',
      safetyRegionCode: 'VR13',
      policeUnit: 'AM',
      via: 'municipality',
      match: { start: 0, end: 9 },
    });
    const h = resolved('Hengelo (Gld)');
    assert.equal(h.municipality, 'Bronckhorst');
    assert.equal(h.safetyRegionCode, 'VR06');
    assert.equal(h.policeUnit, 'ON');
    const b = resolved('Bergen L');
    assert.equal(b.safetyRegionCode, 'VR23');
    assert.equal(b.policeUnit, 'LB');
    const d = resolved('Den Haag');
    assert.equal(d.safetyRegionCode, 'VR15');
    assert.equal(d.policeUnit, 'DH');
  });

  it('reads official suffixes however they are written', () => {
    expectAll([
      ['Bergen (NH.)', BERGEN_NH, 'municipality'],
      ['Bergen (NH)', BERGEN_NH],
      ['Bergen NH', BERGEN_NH],
      ['bergen nh', BERGEN_NH],
      ['Bergen N.H.', BERGEN_NH],
      ['Bergen (N.H.)', BERGEN_NH],
      ['Bergen Noord-Holland', BERGEN_NH],
      ['Bergen (L.)', BERGEN_L],
      ['Bergen L', BERGEN_L],
      ['Bergen (L)', BERGEN_L],
      ['Bergen Limburg', BERGEN_L],
      ['BERGEN (LIMBURG)', BERGEN_L],
      ['Hengelo (O.)', HENGELO_O],
      ['Hengelo (O)', HENGELO_O],
      ['Hengelo Ov', HENGELO_O],
      ['Hengelo, Overijssel', HENGELO_O],
      ['Middelburg', 'GM0687'],
      ['Middelburg (Z.)', 'GM0687'],
      ['Rijswijk (ZH.)', 'GM0603'],
      ['Rijswijk ZH', 'GM0603'],
      ['Laren NH', 'GM0417'],
      ['Beek (L.)', 'GM0888'],
      ['Stein (L)', 'GM0971'],
      ['Bergen op Zoom', 'GM0748', 'municipality'],
    ]);
  });

  it('ignores apostrophes, hyphens, spacing and diacritics', () => {
    expectAll([
      ["'s-Hertogenbosch", DEN_BOSCH],
      ['s-Hertogenbosch', DEN_BOSCH],
      ["'s Hertogenbosch", DEN_BOSCH],
      ['’s-Hertogenbosch', DEN_BOSCH],
      ["'S HERTOGENBOSCH", DEN_BOSCH],
      ['Hertogenbosch', DEN_BOSCH],
      ['’s-Gravenhage', DEN_HAAG],
      ['s Gravenhage', DEN_HAAG],
      ['Gravenhage', DEN_HAAG],
      ['Súdwest-Fryslân', 'GM1900'],
      ['Sudwest-Fryslan', 'GM1900'],
      ['Sudwest Fryslan', 'GM1900'],
      ['SÚDWEST FRYSLÂN', 'GM1900'],
      ['Su\u0301dwest-Frysla\u0302n', 'GM1900'],
      ['Noardeast-Fryslan', 'GM1970'],
      ['Capelle a/d IJssel', 'GM0502'],
      ['Capelle aan de IJssel', 'GM0502'],
      ['Capelle a.d. IJssel', 'GM0502'],
      ['Alphen a/d Rijn', 'GM0484'],
      ['Krimpen a/d IJssel', 'GM0542'],
      ['St. Michielsgestel', 'GM0845'],
      ['St-Michielsgestel', 'GM0845'],
      ['Sint Michielsgestel', 'GM0845'],
      ['Nuenen, Gerwen en Nederwetten', 'GM0820'],
      ['Nuenen Gerwen en Nederwetten', 'GM0820'],
      ['Bergenopzoom', 'GM0748'],
      ['Denhaag', DEN_HAAG],
      ['Den-Haag', DEN_HAAG],
      ['Ｕｔｒｅｃｈｔ', UTRECHT],
      ['Ámsterdam', AMSTERDAM],
      ['Feyenoord', ROTTERDAM],
      ['Ysselmonde', ROTTERDAM],
    ]);
  });
});

describe('PlaceResolver: aliases and districts', () => {
  it('resolves every alias-table name alone (or lists its city among the candidates) and next to its city', () => {
    const groupsOf = new Map<string, Set<string>>();
    for (const g of ALIAS_GROUPS)
      for (const n of g.names) {
        const k = normalizePlace(n);
        groupsOf.set(k, (groupsOf.get(k) ?? new Set()).add(g.municipality));
      }
    for (const g of ALIAS_GROUPS) {
      const want = geo.byName.get(g.municipality)!.code;
      for (const n of g.names) {
        const r = places.resolve(n);
        if (groupsOf.get(normalizePlace(n))!.size > 1) {
          assert.equal(r.status, 'ambiguous', n);
          assert.ok(r.status === 'ambiguous' && r.candidates.includes(want), n);
        } else assert.equal(code(r), want, n);
      }
      if (g.via !== 'district') continue;
      const city = g.municipality.replace(/^'s-/, '').replace(/ \(.*\)$/, '');
      for (const n of [...g.names, ...(g.withCity ?? [])]) {
        for (const text of [`${g.municipality} ${n}`, `${g.municipality}-${n}`, `${n}, ${city}`]) {
          const r = places.resolve(text);
          assert.equal(code(r), want, text);
        }
        assert.equal(resolved(`${g.municipality} ${n}`).via, 'district', n);
      }
    }
  });

  it('knows the colloquial names', () => {
    expectAll([
      ['Den Haag', DEN_HAAG, 'alias'],
      ['DEN HAAG', DEN_HAAG, 'alias'],
      ['den haag', DEN_HAAG],
      ['The Hague', DEN_HAAG],
      ['THE HAGUE', DEN_HAAG],
      ['La Haye', DEN_HAAG],
      ['Den Bosch', DEN_BOSCH, 'alias'],
      ['Den Bosch centrum', DEN_BOSCH, 'district'],
      ["A'dam", AMSTERDAM, 'alias'],
      ["A'DAM", AMSTERDAM],
      ['Adam', AMSTERDAM],
      ['Mokum', AMSTERDAM],
      ["R'dam", ROTTERDAM, 'alias'],
      ["R'DAM", ROTTERDAM],
      ['Hilversum', 'GM0402', 'municipality'],
      ['Alphen', 'GM0484', 'alias'],
      ['Capelle', 'GM0502'],
      ['Krimpen', 'GM0542'],
      ['Zuidwest-Friesland', 'GM1900'],
      ['Ljouwert', 'GM0080'],
      ['Langedijk', 'GM1980'],
      ['Werkendam', 'GM1959'],
      ['Beemster', 'GM0439'],
      ['Amsterdam Airport Schiphol', 'GM0394', 'alias'],
      ['Schiphol', 'GM0394', 'town'],
      ['Hoofddorp', 'GM0394', 'town'],
    ]);
  });

  it('resolves districts of the big cities, alone and combined', () => {
    expectAll([
      ['Zuidoost', AMSTERDAM, 'district'],
      ['Amsterdam-Zuidoost', AMSTERDAM, 'district'],
      ['AMSTERDAM ZUIDOOST', AMSTERDAM],
      ['amsterdam zuid-oost', AMSTERDAM],
      ['Amsterdam ZO', AMSTERDAM],
      ['Bijlmer', AMSTERDAM, 'district'],
      ['Amsterdam (Bijlmer)', AMSTERDAM],
      ['Amsterdam Nieuw-West', AMSTERDAM],
      ['Nieuw-West', AMSTERDAM],
      ['De Pijp', AMSTERDAM],
      ['Osdorp', AMSTERDAM],
      ['Slotervaart', AMSTERDAM],
      ['Amsterdam-Zuid', AMSTERDAM],
      ['Amsterdam-Noord', AMSTERDAM],
      ['Rotterdam-Zuid', ROTTERDAM, 'district'],
      ['Rotterdam Centrum', ROTTERDAM],
      ['Charlois', ROTTERDAM],
      ['Feijenoord', ROTTERDAM],
      ['Delfshaven', ROTTERDAM],
      ['Kralingen', ROTTERDAM],
      ['Hillegersberg', ROTTERDAM],
      ['IJsselmonde', ROTTERDAM],
      ['Hoogvliet', ROTTERDAM],
      ['Prins Alexander', ROTTERDAM],
      ['Pernis Rotterdam', ROTTERDAM],
      ['Hoogvliet Rotterdam', ROTTERDAM, 'town'],
      ['Maasvlakte Rotterdam', ROTTERDAM, 'town'],
      ['Hoek van Holland', ROTTERDAM, 'town'],
      ['Scheveningen', DEN_HAAG, 'district'],
      ['Schilderswijk', DEN_HAAG],
      ['Den Haag Laak', DEN_HAAG],
      ['Laak', DEN_HAAG],
      ['Escamp', DEN_HAAG],
      ['Loosduinen', DEN_HAAG],
      ['Den Haag Transvaal', DEN_HAAG],
      ['Den Haag Centrum', DEN_HAAG],
      ['Leidsche Rijn', UTRECHT],
      ['Overvecht', UTRECHT],
      ['Utrecht Overvecht', UTRECHT],
      ['Kanaleneiland', UTRECHT],
      ['Utrecht (centrum)', UTRECHT, 'district'],
      ['Utrecht-Zuid', UTRECHT],
      ['Vleuten', UTRECHT, 'town'],
      ['Woensel', EINDHOVEN],
      ['Strijp-S', EINDHOVEN],
      ['Strijp', EINDHOVEN],
      ['Eindhoven Centrum', EINDHOVEN],
      ['Groningen stad', GRONINGEN],
      ['Stad Groningen', GRONINGEN],
      ['Almere Buiten', 'GM0034'],
      ['Almere-Haven', 'GM0034'],
    ]);
  });

  it('a district word several cities have is ambiguous alone; the city or the context decides', () => {
    const z = ambiguous('Zuid');
    assert.deepEqual(z.candidates, [UTRECHT, AMSTERDAM, ROTTERDAM]);
    assert.deepEqual(z.match, { start: 0, end: 4 });
    assert.equal(code(places.resolve('Zuid', 'Lekker genieten in Rotterdam')), ROTTERDAM);
    assert.equal(resolved('Zuid', 'Lekker genieten in Rotterdam').via, 'district');
    assert.equal(code(places.resolve('Noord Amsterdam')), AMSTERDAM);
    assert.deepEqual(ambiguous('Noord').candidates, [AMSTERDAM, ROTTERDAM]);
    assert.equal(ambiguous('Centrum').candidates.length, 5);
  });

  it('reads "regio", "omgeving", "e.o.", "near", "cerca de", postcodes and a province after the place', () => {
    expectAll([
      ['regio Utrecht', UTRECHT],
      ['Regio Eindhoven', EINDHOVEN],
      ['omgeving Breda', 'GM0758'],
      ['Omg. Tilburg', 'GM0855'],
      ['Utrecht e.o.', UTRECHT],
      ['Utrecht en omstreken', UTRECHT],
      ['near Amsterdam', AMSTERDAM],
      ['cerca de Rotterdam', ROTTERDAM],
      ['Zwolle, Overijssel', 'GM0193'],
      ['1012 AB Amsterdam', AMSTERDAM],
      ['1012AB Amsterdam', AMSTERDAM],
      ['Amsterdam 1012', AMSTERDAM],
      ['Tilburg1', 'GM0855'],
      ['📍Tilburg', 'GM0855'],
      ['Breda!!!', 'GM0758'],
      ['NIEUW: Breda', 'GM0758'],
      ['Privé Utrecht', UTRECHT],
      ['The Hague, Netherlands', DEN_HAAG],
      ['Amsterdam, Nederland', AMSTERDAM],
      ['Nederland, Amsterdam', AMSTERDAM],
      ['Zwolle, Salland', 'GM0193'],
    ]);
  });

  it('resolves two places to the first', () => {
    const r = resolved('Den Haag / Rijswijk');
    assert.equal(r.municipalityCode, DEN_HAAG);
    assert.deepEqual(r.match, { start: 0, end: 8 });
    expectAll([
      ['Rijswijk / Den Haag', 'GM0603'],
      ['Amsterdam, Rotterdam, Den Haag', AMSTERDAM],
      ['Utrecht / Amersfoort', UTRECHT],
      ['Antwerpen / Breda', 'GM0758'],
    ]);
  });
});

describe('PlaceResolver: towns', () => {
  it('resolves towns, and only these towns go elsewhere than their own municipality', () => {
    const elsewhere: string[] = [];
    for (const t of geo.towns) {
      const r = places.resolve(t.name);
      const own =
        (r.status === 'resolved' && r.municipalityCode === t.municipalityCode) ||
        (r.status === 'ambiguous' && r.candidates.includes(t.municipalityCode));
      if (!own) elsewhere.push(`${t.name} ${t.municipalityCode}→${code(r).split(':')[0]}`);
    }
    assert.deepEqual(elsewhere.sort(), [
      // A foreign city far more often than the village.
      'Aalst GM0297→unknown',
      // The municipality of that name wins.
      'Alphen GM0668→GM0484',
      'Alphen GM1723→GM0484',
      'America GM1507→unknown',
      'Beek GM1945→GM0888',
      'Beek GM1955→GM0888',
      'Bern GM0297→unknown',
      'Beuningen GM0168→GM0209',
      'Buren GM0060→GM0214',
      'Halle GM1876→unknown',
      // Former municipalities preferred (PREFERRED_TOWNS).
      'Haren GM0828→GM0014',
      'Heusden GM0743→GM0797',
      'Hoorn GM0093→GM0405',
      'Laren GM0262→GM0417',
      'Mechelen GM1729→unknown',
      // The country and a province beat hamlets of their name.
      'Nederland GM1708→unknown',
      'Noordwijk GM1969→GM0575',
      'Oosterhout GM1734→GM0826',
      'Rozenburg GM0394→GM0599',
      'Scherpenzeel GM0098→GM0279',
      'Steenbergen GM1699→GM0851',
      'Valkenburg GM0537→GM0994',
      'Voorst GM1509→GM0285',
      'Winsum GM1949→GM1966',
      'Zeeland GM1991→unknown',
      'Zurich GM1900→unknown',
    ]);
  });

  it('a municipality of that name wins over towns of that name elsewhere', () => {
    expectAll([
      ['Hengelo', HENGELO_O, 'municipality'],
      ['HENGELO', HENGELO_O],
      ['Rijswijk', 'GM0603', 'municipality'],
      ['Hoorn', 'GM0405'],
      ['Oosterhout', 'GM0826'],
      ['Noordwijk', 'GM0575'],
      ['Beek', 'GM0888'],
      ['Laren', 'GM0417'],
      ['Buren', 'GM0214'],
    ]);
  });

  it('a province or town suffix picks the town instead', () => {
    expectAll([
      ['Hengelo (Gld)', BRONCKHORST, 'town'],
      ['HENGELO (GLD)', BRONCKHORST],
      ['Hengelo Gld', BRONCKHORST],
      ['Hengelo Gelderland', BRONCKHORST, 'town'],
      ['Hengelo (Gelderland)', BRONCKHORST],
      ['Rijswijk NB', 'GM1959'],
      ['Rijswijk (NB)', 'GM1959'],
      ['Rijswijk (GLD)', 'GM0214'],
      ['Laren Gld', 'GM0262'],
      ['Hoorn, Terschelling', 'GM0093'],
      ['Oosterhout Gelderland', 'GM1734'],
      ['Alphen NB', 'GM1723'],
      ['Alphen-Chaam', 'GM1723'],
      ['Valkenburg ZH', 'GM0537'],
      ['Valkenburg', 'GM0994', 'town'],
      ['Haren NB', 'GM0828'],
      ['Haren Gn', GRONINGEN],
      ['Zurich, Friesland', 'GM1900'],
      ['Spaarndam gem. Haarlem', 'GM0392'],
      ['Alteveer gem Hoogeveen', 'GM0118'],
      ['Rotterdam-Albrandswaard', 'GM0613'],
      ['Sittard', 'GM1883'],
      ['Geleen', 'GM1883'],
    ]);
  });

  it('a town in several municipalities is ambiguous unless the text decides', () => {
    const z = ambiguous('Zevenhuizen');
    assert.deepEqual(z.candidates, [ZUIDPLAS, WESTERKWARTIER]);
    assert.deepEqual(z.match, { start: 0, end: 11 });
    assert.match(
      z.reason,
      /"Zevenhuizen" can be 2 municipalities: Zuidplas \(GM1892\), Westerkwartier \(GM1969\)/,
    );
    expectAll([
      ['Zevenhuizen Groningen', WESTERKWARTIER],
      ['Zevenhuizen (Gn)', WESTERKWARTIER],
      ['Zevenhuizen ZH', ZUIDPLAS],
      ['Zevenhuizen, Zuid-Holland', ZUIDPLAS],
      ['Zevenhuizen Zuidplas', ZUIDPLAS],
      ['Groningen Zevenhuizen', WESTERKWARTIER],
      ['Rozenburg Haarlemmermeer', 'GM0394'],
    ]);
    assert.deepEqual(ambiguous('Bergen').candidates, [BERGEN_NH, BERGEN_L]);
    assert.deepEqual(ambiguous('BERGEN').candidates, [BERGEN_NH, BERGEN_L]);
    assert.deepEqual(ambiguous('Beek Gelderland').candidates, ['GM1945', 'GM1955']);
    assert.deepEqual(ambiguous('Alteveer').candidates, ['GM0037', 'GM0118', 'GM1690', 'GM1699']);
    assert.deepEqual(ambiguous('Nes').candidates, ['GM0060', 'GM0074', 'GM1970']);
    assert.deepEqual(ambiguous('Loo Gld').candidates, ['GM0226', 'GM1705']);
    assert.deepEqual(ambiguous('Kapel-Avezaath').candidates, ['GM0214', 'GM0281']);
  });

  it('breaks ties with the context: a province or a candidate municipality named there', () => {
    const cases: [string, string, string][] = [
      ['Zevenhuizen', 'Nieuw in Zuidplas!', ZUIDPLAS],
      ['Zevenhuizen', 'Sexy dame uit Groningen', WESTERKWARTIER],
      ['Zevenhuizen', 'Ik woon in Zuid-Holland', ZUIDPLAS],
      ['Bergen', 'Discreet adres in Noord-Holland', BERGEN_NH],
      ['Bergen', 'Vlakbij Venlo, Limburg', BERGEN_L],
      ['Hengelo', 'Lekker in de Achterhoek, Gelderland', BRONCKHORST],
      ['Hengelo', 'Nieuw in Hengelo! Bel snel', HENGELO_O],
      ['Rijswijk', 'Vlakbij Den Haag', 'GM0603'],
    ];
    for (const [location, context, want] of cases) {
      const r = resolved(location, context);
      assert.equal(r.municipalityCode, want, `${location} | ${context}`);
      assert.equal(r.match.start, 0);
      assert.equal(r.match.end, location.length);
    }
    // A province in lower case or an abbreviation in running text is no hint.
    assert.equal(ambiguous('Bergen', 'lekker in noord-holland').candidates.length, 2);
    assert.equal(ambiguous('Bergen', 'NB: alleen op afspraak').candidates.length, 2);
    // A hint that fits no candidate is ignored.
    assert.equal(ambiguous('Bergen', 'Ook in Zwolle, Overijssel').candidates.length, 2);
  });
});

describe('PlaceResolver: not a place', () => {
  it('says why for empty and blank locations', () => {
    assert.equal(unknown(''), 'empty location');
    assert.equal(unknown('   \t\n'), 'empty location');
    assert.equal(unknown('', ''), 'empty location');
    assert.equal(
      unknown('', 'Lekker genieten, bel snel'),
      'empty location; no place named in the text',
    );
  });

  it('provinces, the country and regions are no municipality', () => {
    for (const p of PROVINCES)
      for (const n of p.names) {
        if (geo.byName.has(n)) continue; // Groningen, Utrecht: the city
        assert.match(unknown(n), /a province, not a municipality/, n);
      }
    assert.equal(unknown('Limburg'), '"Limburg" is a province, not a municipality');
    assert.match(unknown('LIMBURG'), /a province/);
    assert.match(unknown('Brabant'), /a province/);
    assert.match(unknown('Zeeland'), /a province/);
    assert.match(unknown('NH'), /a province/);
    assert.equal(code(places.resolve('Groningen')), GRONINGEN);
    assert.equal(code(places.resolve('Utrecht')), UTRECHT);
    for (const n of NOT_PLACES.flatMap((x) => x.names))
      assert.equal(places.resolve(n).status, 'unknown', n);
    assert.equal(unknown('Nederland'), '"Nederland" is the whole country, not a municipality');
    assert.match(unknown('Heel Nederland'), /whole country/);
    assert.match(unknown('Twente'), /a region/);
    assert.match(unknown('Keulen'), /abroad/);
  });

  it('unknown text says what was tried', () => {
    assert.equal(unknown('Marbella'), 'no Dutch municipality, town or alias matches "Marbella"');
    for (const text of [
      'Outcall',
      'Incall only',
      'Escort',
      'Privé ontvangst',
      'Hotel',
      'Centraal Station',
      'Bij mij thuis',
      'asdkjh qwe',
      '###',
      '-',
      '💋💋💋',
      'Амстердам',
      '12345',
      'Parijs',
      'Berlijn',
    ])
      assert.equal(places.resolve(text).status, 'unknown', text);
    assert.equal(
      unknown('Best service'),
      'no Dutch municipality, town or alias matches "Best service"; "Best" is read as an ordinary word',
    );
    assert.match(unknown('Zurich'), /foreign city/);
  });

  it('a town that is also a common word counts only alone or after a cue', () => {
    expectAll([
      ['Best', 'GM0753'],
      ['BEST', 'GM0753'],
      ['regio Best', 'GM0753'],
      ['Best NB', 'GM0753'],
      ['Heel', 'GM1641'],
      ['Best service Eindhoven', EINDHOVEN],
    ]);
  });
});

describe('PlaceResolver: one typo', () => {
  it('forgives one edit on names of six letters or more when only one place is that close', () => {
    expectAll([
      ['Amsterdm', AMSTERDAM, 'fuzzy'],
      ['Rotterdma', ROTTERDAM, 'fuzzy'],
      ['Eindhovne', EINDHOVEN, 'fuzzy'],
      ['Zoetermer', 'GM0637', 'fuzzy'],
      ['Groningn', GRONINGEN, 'fuzzy'],
      ['Leeuwaarden', 'GM0080', 'fuzzy'],
      ['Scheveningn', DEN_HAAG, 'fuzzy'],
      ['Escort Amsterdm', AMSTERDAM, 'fuzzy'],
      ['Amsterdm / Rotterdma', AMSTERDAM, 'fuzzy'],
    ]);
    const r = resolved('1012 AB Amsterdm');
    assert.deepEqual(r.match, { start: 8, end: 16 });
  });

  it('does not guess on short names', () => {
    for (const text of ['Osss', 'Edde', 'Zwole', 'Brda'])
      assert.equal(places.resolve(text).status, 'unknown', text);
  });
});

describe('PlaceResolver: place from the context when the location is empty', () => {
  it('finds a capitalised place after a cue, with the match in the context', () => {
    const ctx = 'Hoi! nieuw in Zwolle, bel me';
    const r = resolved('', ctx);
    assert.equal(r.municipalityCode, 'GM0193');
    assert.equal(r.via, 'context');
    assert.equal(ctx.slice(r.match.start, r.match.end), 'Zwolle');
    const h = resolved('  ', 'Deze week in Den Haag! Bel snel');
    assert.equal(h.municipalityCode, DEN_HAAG);
    assert.deepEqual(h.match, { start: 13, end: 21 });
    assert.equal(code(places.resolve('', 'Sexy meid uit Hengelo (Gld)')), BRONCKHORST);
    assert.equal(code(places.resolve('', 'Outcall regio Amsterdam en omstreken')), AMSTERDAM);
    assert.equal(code(places.resolve('', 'Ik ben in Best')), 'GM0753');
    assert.equal(code(places.resolve('', 'Alleen deze week in de Bijlmer')), AMSTERDAM);
    assert.equal(code(places.resolve('', 'Titel\nnear Rotterdam Central')), ROTTERDAM);
    assert.equal(code(places.resolve('', 'Estoy cerca de Utrecht')), UTRECHT);
  });

  it('takes a municipality name without a cue, but no town, common word or lower-case word', () => {
    assert.equal(code(places.resolve('', 'Amsterdam escort, 24/7')), AMSTERDAM);
    assert.equal(code(places.resolve('', 'Lekkere Tilburgse meid, Tilburg centrum')), 'GM0855');
    for (const ctx of [
      'Best service in town',
      'Echt geen nep',
      'Lekker met Gouda kaas',
      'Alleen Heel Nederland',
      'Ik ben Erica, 23 jaar',
      'Ik ben nieuw in amsterdam', // lower case
      'Nieuw in Limburg',
      'Nieuw in Zuid-Holland',
      'Ik kom uit Zuid-Amerika',
      'Hoek van mijn straat', // "Hoek van" is no place, "Hoek" a common word
      'Ik woon in Zurich',
      'Mijn naam is Alexander',
    ]) {
      const r = places.resolve('', ctx);
      assert.notEqual(r.status, 'resolved', `${ctx}: ${JSON.stringify(r)}`);
    }
  });

  it('the context never overrides a location that names no place', () => {
    assert.equal(places.resolve('Marbella', 'Nieuw in Amsterdam').status, 'unknown');
    assert.equal(places.resolve('Incall', 'Nieuw in Amsterdam').status, 'unknown');
    assert.equal(code(places.resolve('Utrecht', 'Nieuw in Amsterdam')), UTRECHT);
  });

  it('an ambiguous place in the context stays ambiguous unless the context decides', () => {
    const r = ambiguous('', 'Nieuw in Zevenhuizen');
    assert.deepEqual(r.candidates, [ZUIDPLAS, WESTERKWARTIER]);
    assert.deepEqual(r.match, { start: 9, end: 20 });
    assert.equal(code(places.resolve('', 'Nieuw in Zevenhuizen, Groningen')), WESTERKWARTIER);
  });
});

describe('PlaceResolver: match offsets and long input', () => {
  it('gives the matched text in UTF-16 offsets of the original string', () => {
    const cases: [string, string][] = [
      ['  Utrecht  ', 'Utrecht'],
      ["'s-Gravenhage", "'s-Gravenhage"],
      ['Den Haag / Rijswijk', 'Den Haag'],
      ['regio Utrecht', 'Utrecht'],
      ['1012 AB Amsterdam', 'Amsterdam'],
      ['💋💋 Zwolle 💋', 'Zwolle'],
      ['Súdwest-Fryslân', 'Súdwest-Fryslân'],
      ['Su\u0301dwest-Frysla\u0302n', 'Su\u0301dwest-Frysla\u0302n'],
      ['Amsterdam-Zuidoost!', 'Amsterdam-Zuidoost'],
      ['Capelle a/d IJssel', 'Capelle a/d IJssel'],
      ['Hengelo (Gld)', 'Hengelo (Gld'],
      ['Zevenhuizen, Groningen', 'Zevenhuizen'],
    ];
    for (const [text, want] of cases) {
      const r = places.resolve(text);
      assert.notEqual(r.status, 'unknown', text);
      if (r.status === 'unknown') continue;
      assert.equal(text.slice(r.match.start, r.match.end), want, text);
    }
  });

  it('handles 10,000-character strings', () => {
    const garbage = Array.from({ length: 10_000 }, (_, i) => 'qxzéj -'[(i * 7919) % 7]).join('');
    assert.equal(places.resolve(garbage).status, 'unknown');
    assert.ok(unknown(garbage).length < 200, 'the reason quotes only the start');
    assert.equal(places.resolve('x'.repeat(10_000)).status, 'unknown');
    assert.equal(places.resolve('💋'.repeat(5_000)).status, 'unknown');
    const tail = `${'lekker genieten '.repeat(625)}Utrecht`;
    const r = resolved(tail);
    assert.equal(r.municipalityCode, UTRECHT);
    assert.equal(r.match.start, tail.length - 7);
    assert.equal(code(places.resolve('Amsterdam '.repeat(1_000))), AMSTERDAM);
    const ctx = `${'Lekker genieten bij mij thuis. '.repeat(330)}Nieuw in Zwolle`;
    assert.equal(code(places.resolve('', ctx)), 'GM0193');
    assert.equal(
      code(places.resolve('Zevenhuizen', `${'bla '.repeat(2_500)} Groningen`)),
      WESTERKWARTIER,
    );
  });
});

describe('normalizePlace', () => {
  it('folds case, diacritics, apostrophes, punctuation and common spellings', () => {
    assert.equal(normalizePlace("'s-Hertogenbosch"), 's hertogenbosch');
    assert.equal(normalizePlace('’S  HERTOGENBOSCH'), 's hertogenbosch');
    assert.equal(normalizePlace('Súdwest-Fryslân'), 'sudwest frijslan');
    assert.equal(normalizePlace('Capelle a/d IJssel'), 'capelle ad ijssel');
    assert.equal(normalizePlace('Alphen aan den Rijn'), 'alphen ad rijn');
    assert.equal(normalizePlace('St. Oedenrode'), 'sint oedenrode');
    assert.equal(normalizePlace('Feyenoord'), 'feijenoord');
    assert.equal(normalizePlace('1012AB Amsterdam'), '1012 ab amsterdam');
    assert.equal(normalizePlace(''), '');
  });
});
