import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findContacts } from '../../src/intake/ads/contacts.js';

/** What a user sees of a result: kind, normalised value, and exactly the text it was read from. */
function read(text: string): [string, string, string][] {
  return findContacts(text).map((c) => [c.kind, c.value, text.slice(c.start, c.end)]);
}

function expectOne(text: string, kind: string, value: string, readText: string): void {
  assert.deepEqual(read(text), [[kind, value, readText]], text);
}

describe('findContacts: WhatsApp links', () => {
  const cases: [string, string][] = [
    ['wa.me/34612345678', '+34612345678'],
    ['https://wa.me/34612345678', '+34612345678'],
    ['http://www.wa.me/31612345678', '+31612345678'],
    ['WA.ME/31612345678', '+31612345678'],
    ['https://wa.me/+31612345678', '+31612345678'],
    ['wa.me/0031612345678', '+31612345678'],
    ['https://api.whatsapp.com/send?phone=34612345678', '+34612345678'],
    ['api.whatsapp.com/send/?phone=573001234567&text=Hola%20guapa', '+573001234567'],
    ['https://api.whatsapp.com/send?text=hoi&phone=31612345678', '+31612345678'],
  ];
  for (const [link, value] of cases) {
    it(link, () => expectOne(`App me: ${link} 💋`, 'whatsapp', value, link));
  }

  it('leaves links without a number out', () => {
    assert.deepEqual(read('wa.me/message/ABCDEF123 of chat.whatsapp.com/AbCdEf'), []);
  });
});

describe('findContacts: Telegram', () => {
  it('reads t.me and telegram.me links, lower-cased', () => {
    expectOne('Telegram: t.me/Sofia_X', 'telegram', 'sofia_x', 't.me/Sofia_X');
    expectOne('https://telegram.me/sofia_x.', 'telegram', 'sofia_x', 'https://telegram.me/sofia_x');
    expectOne('t.me/s/sofia_channel', 'telegram', 'sofia_channel', 't.me/s/sofia_channel');
  });

  it('leaves invite links out (no handle in them)', () => {
    assert.deepEqual(read('t.me/+AbCdEf123 en t.me/joinchat/AbCdEf'), []);
  });

  it('reads a handle after the label', () => {
    expectOne('Telegram: @Sofia_22', 'telegram', 'sofia_22', '@Sofia_22');
    expectOne('telegram @sofia_22 xx', 'telegram', 'sofia_22', '@sofia_22');
    expectOne('TG: sofia22', 'telegram', 'sofia22', 'sofia22');
    expectOne('Telegram - sofia22', 'telegram', 'sofia22', 'sofia22');
  });

  it('reads @name when Telegram is named just before or just after it', () => {
    expectOne('Telegram 👉 @sofia_22', 'telegram', 'sofia_22', '@sofia_22');
    expectOne('Schrijf me @sofia_22 op telegram', 'telegram', 'sofia_22', '@sofia_22');
    expectOne('@sofia_22 (Telegram)', 'telegram', 'sofia_22', '@sofia_22');
  });

  it('leaves a lone @name out: it could be any platform', () => {
    assert.deepEqual(read('Volg me @sofia_22 xx'), []);
    assert.deepEqual(read('Telegram\n\n\n@sofia_22'), []);
  });

  it('does not take prose or a phone number after the label for a handle', () => {
    assert.deepEqual(read('Telegram en WhatsApp: 0612345678'), []);
    assert.deepEqual(read('telegram sofia'), []);
    assert.deepEqual(read('Telegram: ja, ook WhatsApp'), []);
    assert.deepEqual(read('Telegram: 0612345678'), []);
  });
});

describe('findContacts: Snapchat, OnlyFans, Instagram', () => {
  const cases: [string, string, string, string][] = [
    ['snapchat.com/add/Sofia.X', 'snapchat', 'sofia.x', 'snapchat.com/add/Sofia.X'],
    [
      'https://www.snapchat.com/add/sofia_x',
      'snapchat',
      'sofia_x',
      'https://www.snapchat.com/add/sofia_x',
    ],
    ['snap: sofia.x', 'snapchat', 'sofia.x', 'sofia.x'],
    ['Snap: sofia.x.', 'snapchat', 'sofia.x', 'sofia.x'],
    ['sc: sofia_x', 'snapchat', 'sofia_x', 'sofia_x'],
    ['SC:sofia', 'snapchat', 'sofia', 'sofia'],
    ['Snapchat: @Sofia', 'snapchat', 'sofia', '@Sofia'],
    ['👻 sofia_x', 'snapchat', 'sofia_x', 'sofia_x'],
    ['onlyfans.com/dora42', 'onlyfans', 'dora42', 'onlyfans.com/dora42'],
    ['https://onlyfans.com/Dora42/', 'onlyfans', 'dora42', 'https://onlyfans.com/Dora42/'],
    ['OnlyFans: dora42', 'onlyfans', 'dora42', 'dora42'],
    ['onlyfans.com/letícia56', 'onlyfans', 'letícia56', 'onlyfans.com/letícia56'],
    ['instagram.com/sofia.x', 'instagram', 'sofia.x', 'instagram.com/sofia.x'],
    [
      'https://www.instagram.com/sofia.x/?hl=nl',
      'instagram',
      'sofia.x',
      'https://www.instagram.com/sofia.x/?hl=nl',
    ],
    ['insta: sofia.x', 'instagram', 'sofia.x', 'sofia.x'],
    ['IG: sofia', 'instagram', 'sofia', 'sofia'],
    ['Instagram @sofia', 'instagram', 'sofia', '@sofia'],
  ];
  for (const [text, kind, value, readText] of cases) {
    it(text, () => expectOne(`Volg me! ${text}`, kind, value, readText));
  }

  it('leaves Instagram post links out', () => {
    assert.deepEqual(read('instagram.com/p/Cx123abc'), []);
  });

  it('gives each handle its own platform', () => {
    assert.deepEqual(read('Instagram @sofia en Telegram @sofia_tg'), [
      ['instagram', 'sofia', '@sofia'],
      ['telegram', 'sofia_tg', '@sofia_tg'],
    ]);
  });

  it('needs a colon after the short labels', () => {
    assert.deepEqual(read('sc sofia, ig sofia, tg sofia'), []);
  });
});

describe('findContacts: websites', () => {
  const cases: [string, string, string][] = [
    ['www.sofia-escort.nl', 'sofia-escort.nl', 'www.sofia-escort.nl'],
    ['sofia-escort.nl', 'sofia-escort.nl', 'sofia-escort.nl'],
    [
      'https://sofia-escort.nl/fotos?ref=ad#top',
      'sofia-escort.nl/fotos',
      'https://sofia-escort.nl/fotos?ref=ad#top',
    ],
    [
      'HTTPS://WWW.Sofia-Escort.NL/Fotos/',
      'sofia-escort.nl/Fotos',
      'HTTPS://WWW.Sofia-Escort.NL/Fotos/',
    ],
    ['http://club-amour.amsterdam', 'club-amour.amsterdam', 'http://club-amour.amsterdam'],
    [
      'https://rodelampjes.test/advertentie/1',
      'rodelampjes.test/advertentie/1',
      'https://rodelampjes.test/advertentie/1',
    ],
  ];
  for (const [text, value, readText] of cases) {
    it(text, () => expectOne(`Meer foto's op ${text}.`, 'website', value, readText));
  }

  it('does not read a missing space after a full stop, file names or numbers as a site', () => {
    assert.deepEqual(read('Ik ben 23 jaar.De foto.jpg is echt.Ik ben 1.65 en 1,70 m.'), []);
  });

  it('leaves a reserved test domain without a scheme out (the site disclaimer)', () => {
    assert.deepEqual(
      read('Let op: rodelampjes.test controleert advertenties niet op juistheid.'),
      [],
    );
  });

  it('does not report the domain of an e-mail address, or a mail service alone, as a site', () => {
    assert.deepEqual(read('sofia@sofia-escort.nl'), [
      ['email', 'sofia@sofia-escort.nl', 'sofia@sofia-escort.nl'],
    ]);
    assert.deepEqual(read('Mail via gmail.com'), []);
  });

  it('keeps links in text order with other contacts', () => {
    assert.deepEqual(
      read('Foto’s op www.sofia-escort.nl/fotos en onlyfans.com/sofia22, app wa.me/31612345678'),
      [
        ['website', 'sofia-escort.nl/fotos', 'www.sofia-escort.nl/fotos'],
        ['onlyfans', 'sofia22', 'onlyfans.com/sofia22'],
        ['whatsapp', '+31612345678', 'wa.me/31612345678'],
      ],
    );
  });
});

describe('findContacts: e-mail', () => {
  const cases: [string, string][] = [
    ['sofia@gmail.com', 'sofia@gmail.com'],
    ['Sofia.22@Gmail.com', 'sofia.22@gmail.com'],
    ['dora.12@example.invalid', 'dora.12@example.invalid'],
    ['naam at gmail dot com', 'naam@gmail.com'],
    ['naam AT gmail DOT com', 'naam@gmail.com'],
    ['naam [at] gmail [dot] com', 'naam@gmail.com'],
    ['naam(at)gmail(punt)com', 'naam@gmail.com'],
    ['naam (at) gmail (dot) co (dot) uk', 'naam@gmail.co.uk'],
    ['naam{at}mail{dot}nl', 'naam@mail.nl'],
    ['naam apenstaartje gmail punt com', 'naam@gmail.com'],
    ['naam arroba hotmail punto es', 'naam@hotmail.es'],
    ['naam arroba gmail ponto com', 'naam@gmail.com'],
    ['naam at hotmail.nl', 'naam@hotmail.nl'],
    ['sofia @ gmail . com', 'sofia@gmail.com'],
    ['letícia22 at gmail dot com', 'letícia22@gmail.com'],
  ];
  for (const [written, value] of cases) {
    it(written, () => expectOne(`Mail: ${written}.`, 'email', value, written));
  }

  it('reads an address in a mailto link', () => {
    expectOne('mailto:sofia@gmail.com', 'email', 'sofia@gmail.com', 'sofia@gmail.com');
  });

  it('does not read English "at" in prose as an e-mail', () => {
    assert.deepEqual(read('I am at home. It is late'), []);
    assert.deepEqual(read('see you at home dot later'), []);
    assert.deepEqual(read('Ik ben at home. De deur is open'), []);
  });

  it('reads "pics at site.nl" as a website, not an e-mail', () => {
    expectOne('see my pics at sofia-escort.nl', 'website', 'sofia-escort.nl', 'sofia-escort.nl');
  });
});

describe('findContacts: whole ads', () => {
  it('finds nothing in an ad without contacts, or in empty text', () => {
    assert.deepEqual(read(''), []);
    assert.deepEqual(
      read(
        'Hoi schatjes 💋 Ik ben Sofia, 23 jaar. 150 p/u, 1.65, 75C. Bel of app 06-12345678. ' +
          "Ook 's nachts beschikbaar at your place. Kusjes",
      ),
      [],
    );
  });

  it('finds every kind in one ad, in text order, with exact spans', () => {
    const text =
      'Hoi 😘 Volg me op Insta: sofia.x of Telegram 👉 @sofia_22. Snap: sofia_snap. ' +
      'Mail: sofia22 at gmail dot com. Foto’s: https://www.sofia-escort.nl/fotos ' +
      'OnlyFans: onlyfans.com/sofia22 en WhatsApp https://wa.me/34612345678';
    assert.deepEqual(read(text), [
      ['instagram', 'sofia.x', 'sofia.x'],
      ['telegram', 'sofia_22', '@sofia_22'],
      ['snapchat', 'sofia_snap', 'sofia_snap'],
      ['email', 'sofia22@gmail.com', 'sofia22 at gmail dot com'],
      ['website', 'sofia-escort.nl/fotos', 'https://www.sofia-escort.nl/fotos'],
      ['onlyfans', 'sofia22', 'onlyfans.com/sofia22'],
      ['whatsapp', '+34612345678', 'https://wa.me/34612345678'],
    ]);
  });
});
