import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPrices, pricePerHour } from '../../src/intake/ads/price.js';

/** Each price as [what was read, amount, minutes, euro per hour]. */
function prices(text: string): [string, number, number | null, number | null][] {
  return findPrices(text).map((p) => [
    text.slice(p.start, p.end),
    p.amount,
    p.minutes,
    p.eurPerHour,
  ]);
}

function expectOne(text: string, read: string, amount: number, minutes: number | null): void {
  const perHour = minutes === null ? null : Math.round((amount * 6000) / minutes) / 100;
  assert.deepEqual(prices(text), [[read, amount, minutes, perHour]], text);
}

describe('findPrices: Dutch', () => {
  it('reads hour prices', () => {
    expectOne('150 p/u', '150 p/u', 150, 60);
    expectOne('150 p.u.', '150 p.u.', 150, 60);
    expectOne('150 per uur', '150 per uur', 150, 60);
    expectOne('€150/uur', '€150/uur', 150, 60);
    expectOne('€ 150,- per uur', '€ 150,- per uur', 150, 60);
    expectOne('150,- p/u', '150,- p/u', 150, 60);
    expectOne('150.- per uur', '150.- per uur', 150, 60);
    expectOne('Tarief: 1 uur 160', '1 uur 160', 160, 60);
    expectOne('uur 130', 'uur 130', 130, 60);
    expectOne('120 rozen p/u', '120 rozen p/u', 120, 60);
  });

  it('reads half hours, quarters and longer', () => {
    expectOne('100 half uur', '100 half uur', 100, 30);
    expectOne('€100 half uur', '€100 half uur', 100, 30);
    expectOne('€92.5 half uur', '€92.5 half uur', 92.5, 30);
    expectOne('92,50 per half uur', '92,50 per half uur', 92.5, 30);
    expectOne('€90 voor een half uur', '€90 voor een half uur', 90, 30);
    expectOne('half uur: 70', 'half uur: 70', 70, 30);
    expectOne('80 per 30 min', '80 per 30 min', 80, 30);
    expectOne('25 minuten 60', '25 minuten 60', 60, 25);
    expectOne('50 per kwartier', '50 per kwartier', 50, 15);
    expectOne('kwartier 50', 'kwartier 50', 50, 15);
    expectOne('300 per 2 uur', '300 per 2 uur', 300, 120);
    expectOne('2 uur 300', '2 uur 300', 300, 120);
  });

  it('reads "rozen" and bare currency without a rate', () => {
    expectOne('200 rozen', '200 rozen', 200, null);
    expectOne('€ 150,-', '€ 150,-', 150, null);
    expectOne('EUR 150', 'EUR 150', 150, null);
    expectOne('150 euro', '150 euro', 150, null);
  });

  it('leaves a night without a rate', () => {
    expectOne('€200 hele nacht', '€200 hele nacht', 200, null);
    expectOne('hele nacht 500', 'hele nacht 500', 500, null);
    expectOne('€ 1.500 hele nacht', '€ 1.500 hele nacht', 1500, null);
  });

  it('reads every price of a tariff list', () => {
    assert.deepEqual(prices('Prijzen: 100 half uur / 150 p/u, hele nacht op aanvraag'), [
      ['100 half uur', 100, 30, 200],
      ['150 p/u', 150, 60, 150],
    ]);
    assert.deepEqual(prices('Tarieven: 1 uur 160, 2 uur 300, kwartier 50.'), [
      ['1 uur 160', 160, 60, 160],
      ['2 uur 300', 300, 120, 150],
      ['kwartier 50', 50, 15, 200],
    ]);
  });
});

describe('findPrices: English, Spanish, Portuguese and others', () => {
  it('reads English prices', () => {
    expectOne('150€ 1h', '150€ 1h', 150, 60);
    expectOne('100€ 30min', '100€ 30min', 100, 30);
    expectOne('150 eur/h', '150 eur/h', 150, 60);
    expectOne('Price 200 per hour', '200 per hour', 200, 60);
    expectOne('80 euro half hour', '80 euro half hour', 80, 30);
    expectOne('140 euro one hour', '140 euro one hour', 140, 60);
    expectOne('1 hour €250', '1 hour €250', 250, 60);
    expectOne('2 hours €450', '2 hours €450', 450, 120);
    expectOne('1h = 200 euro', '1h = 200 euro', 200, 60);
    expectOne('30 min = 120 euro', '30 min = 120 euro', 120, 30);
    expectOne('overnight 800€', 'overnight 800€', 800, null);
    expectOne('full night €1500', 'full night €1500', 1500, null);
  });

  it('reads Spanish and Portuguese prices', () => {
    expectOne('1 hora 150 euros', '1 hora 150 euros', 150, 60);
    expectOne('150 la hora', '150 la hora', 150, 60);
    expectOne('120 euros la hora', '120 euros la hora', 120, 60);
    expectOne('media hora 100', 'media hora 100', 100, 30);
    expectOne('100 euros la media hora', '100 euros la media hora', 100, 30);
    expectOne('meia hora 80', 'meia hora 80', 80, 30);
    expectOne('100 euros a hora', '100 euros a hora', 100, 60);
  });

  it('reads German, French, Italian and Romanian rates', () => {
    expectOne('150 Euro die Stunde', '150 Euro die Stunde', 150, 60);
    expectOne('30 Minuten 100 Euro', '30 Minuten 100 Euro', 100, 30);
    expectOne("150 euros l'heure", "150 euros l'heure", 150, 60);
    expectOne('120 euros la demi-heure', '120 euros la demi-heure', 120, 30);
    expectOne("150 euro all'ora", "150 euro all'ora", 150, 60);
    expectOne('100 euro o oră', '100 euro o oră', 100, 60);
  });

  it('gives exact spans', () => {
    assert.deepEqual(findPrices('Prijs: € 150,- per uur.'), [
      { start: 7, end: 22, amount: 150, minutes: 60, eurPerHour: 150 },
    ]);
  });

  it('rounds an odd hourly rate to cents', () => {
    assert.deepEqual(prices('100 per 45 min'), [['100 per 45 min', 100, 45, 133.33]]);
  });
});

describe('findPrices: numbers that are not prices', () => {
  it('skips phones, heights, times, dates, ages and sizes', () => {
    for (const text of [
      '0612345678',
      '06-12345678',
      '+31 6 12 34 56 78',
      '06 12 34 56 78',
      '1.65',
      '1,55 m',
      '21:00',
      'van 13.00 tot 23.00 uur',
      '04-01-2023',
      '2023',
      '21 jaar',
      'ik ben 23',
      '24/7',
      '24 uur per dag',
      'open 24 hours',
      '24 horas',
      '30 min',
      '75C',
      'maat 36',
      '90-60-90',
      '1011 AB',
      '100% echte foto’s',
      'Height 1.70, weight 55 kg',
      'kamer 12',
    ])
      assert.deepEqual(prices(text), [], text);
  });

  it('skips amounts below 10 euro and above 9999', () => {
    assert.deepEqual(prices('€5 extra'), []);
    assert.deepEqual(prices('€ 12.000'), []);
  });

  it('does not read the numbers inside a duration as amounts', () => {
    assert.deepEqual(prices('80 per 30 min'), [['80 per 30 min', 80, 30, 160]]);
    assert.deepEqual(prices('300 per 2 uur'), [['300 per 2 uur', 300, 120, 150]]);
  });

  it('reads the price between phone numbers and ages', () => {
    assert.deepEqual(prices('Ik ben 23 jaar. Bel 0612345678. 150 p/u. 24/7'), [
      ['150 p/u', 150, 60, 150],
    ]);
  });
});

describe('pricePerHour', () => {
  it('reads the price field first', () => {
    assert.deepEqual(pricePerHour('150 p/u', 'Prijs: 200 per uur'), {
      field: 'price',
      found: { start: 0, end: 7, amount: 150, minutes: 60, eurPerHour: 150 },
    });
  });

  it('reads a field price without duration as the hourly tariff, marked as assumed', () => {
    assert.deepEqual(pricePerHour('200 rozen', '91 p/u'), {
      field: 'price',
      found: { start: 0, end: 9, amount: 200, minutes: null, eurPerHour: 200, assumedHourly: true },
    });
    // A night is not an hour.
    assert.equal(pricePerHour('€800 hele nacht', '')?.found.eurPerHour, null);
  });

  it('takes a bare amount in the price field', () => {
    assert.deepEqual(pricePerHour('150', ''), {
      field: 'price',
      found: { start: 0, end: 3, amount: 150, minutes: null, eurPerHour: 150, assumedHourly: true },
    });
    assert.deepEqual(pricePerHour(' € 150,- ', '')?.found.amount, 150);
  });

  it('falls back to the text when the field has no price', () => {
    for (const field of [undefined, '', 'op aanvraag', 'n.v.t.']) {
      const r = pricePerHour(field, 'Welkom! 80 per 30 min.');
      assert.equal(r?.field, 'text', String(field));
      assert.equal(r.found.eurPerHour, 160);
    }
    assert.equal(pricePerHour(undefined, 'Bel 0612345678, 24/7'), null);
  });

  it('prefers a known duration, and of those the hour price', () => {
    assert.equal(pricePerHour(undefined, '100 half uur / 150 p/u')?.found.eurPerHour, 150);
    assert.equal(pricePerHour(undefined, '200 rozen. 80 per 30 min')?.found.eurPerHour, 160);
    assert.equal(pricePerHour(undefined, 'kwartier 50, 2 uur 300, 1 uur 160')?.found.amount, 160);
    assert.equal(pricePerHour(undefined, '€200 hele nacht, €70 half uur')?.found.amount, 70);
    assert.equal(pricePerHour('€ 90 half uur, € 150 per uur', '')?.found.amount, 150);
  });

  it('takes the first price when none has a duration', () => {
    assert.equal(pricePerHour(undefined, '200 rozen, extra 50 euro')?.found.amount, 200);
  });
});
