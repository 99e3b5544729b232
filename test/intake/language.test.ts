import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  detectLanguage,
  explainLanguage,
  foldWord,
  hashRange,
  hashWord,
  wordBefore,
  WordList,
  WordScanner,
  wordsOf,
} from '../../src/intake/ads/language.js';

function words(text: string): string[] {
  const scanner = new WordScanner().reset(text);
  const out: string[] = [];
  while (scanner.next()) out.push(text.slice(scanner.start, scanner.end));
  return out;
}

describe('word scanner', () => {
  it('splits on spaces, punctuation, apostrophes, hyphens and emoji', () => {
    assert.deepEqual(words("Hoi💋schat, ik ben 21j! Oost-Europese foto's"), [
      'Hoi',
      'schat',
      'ik',
      'ben',
      '21j',
      'Oost',
      'Europese',
      'foto',
      's',
    ]);
  });

  it('folds case and accents into one hash', () => {
    assert.equal(foldWord('Española'), 'espanola');
    assert.equal(foldWord('OEKRAÏENSE'), 'oekraiense');
    assert.equal(foldWord('Łódź'), 'lodz');
    const h = hashWord('espanola');
    for (const written of ['Española', 'ESPAÑOLA', 'espanola', 'espan\u0303ola']) {
      const scanner = new WordScanner().reset(written);
      assert.ok(scanner.next());
      assert.equal(scanner.hash, h, written);
      assert.ok(scanner.equals('espanola'), written);
      assert.equal(hashRange(written, 0, written.length), h, written);
    }
  });

  it('reads full-width letters as ASCII', () => {
    const scanner = new WordScanner().reset('ＧＦＥ');
    assert.ok(scanner.next());
    assert.equal(scanner.hash, hashWord('gfe'));
  });

  it('lists words with their neighbours, and reuses the last text', () => {
    const list = new WordList().read('een  Spaans meisje');
    assert.equal(list.count, 3);
    assert.deepEqual([list.starts[1], list.ends[1]], [5, 11]);
    assert.equal(list.hashes[2], hashWord('meisje'));
    const text = 'uit Colombia';
    assert.equal(wordsOf(text), wordsOf(text));
    assert.equal(wordsOf(text).count, 2);
  });

  it('finds the word before a position within a clause', () => {
    const text = 'geen  anaal, zoenen';
    assert.deepEqual(wordBefore(text, 6), { start: 0, end: 4 });
    assert.equal(wordBefore(text, 13), null);
  });
});

describe('detectLanguage', () => {
  it('reads the languages of ads here', () => {
    for (const [text, language] of [
      ['Hoi schatjes, ik ben Sanne en ik ben nieuw in de stad. Bel me snel!', 'nl'],
      ['Hi gentlemen, I am Kim and I am new in town. Call me now!', 'en'],
      ['Hola amor, soy Valentina y estoy en Amsterdam. Llámame!', 'es'],
      ['Oi amor, sou a Bruna, tenho 22 anos e estou aqui. Me liga!', 'pt'],
      ['Salut, sunt Ioana, am 22 de ani și sunt nouă în oraș. Sună-mă!', 'ro'],
      ['Szia! Vivien vagyok, 24 éves lány, hívj most, várlak!', 'hu'],
      ['Hallo, ich bin Lena, 23 Jahre alt und neu in der Stadt.', 'de'],
      ['Bonjour messieurs, je suis Chloé, nouvelle en ville. Bisous !', 'fr'],
      ['Ciao amore, sono Giulia, nuova in città. Chiamami!', 'it'],
      ['Cześć, jestem Kasia, mam 24 lata i jestem nowa w mieście.', 'pl'],
    ] as const)
      assert.deepEqual(detectLanguage(text), { language, script: 'Latn' }, text);
  });

  it('decides clear texts by its own word counts, without tinyld', () => {
    const r = explainLanguage(
      'Welkom bij Lotte. Ik ben een echte Hollandse meid, spontaan en ondeugend. ' +
        'Ik ontvang je graag in mijn appartement. Bel of app me, kusjes!',
    );
    assert.deepEqual(r, { language: 'nl', script: 'Latn', source: 'words' });
  });

  it('gives a mix the language of most of it', () => {
    assert.equal(
      detectLanguage(
        'Hallo heren, ik ben Lisa en ik ben nieuw in Utrecht. I speak English too! ' +
          'Ik ontvang in een schone woning. Bel of app me, kusjes.',
      ).language,
      'nl',
    );
    assert.equal(
      detectLanguage(
        'Hola cariño, soy Paola, tengo 25 años y estoy en Amsterdam solo esta semana. ' +
          'I speak English. Llámame o escríbeme por WhatsApp, te espero.',
      ).language,
      'es',
    );
  });

  it('ignores numbers, emoji, URLs and e-mail addresses', () => {
    assert.equal(
      detectLanguage(
        '💋💋 0612345678 https://example.test/the/and/you sofia@the-and.test ' +
          'Ik ben nieuw in de stad en ik ontvang je graag.',
      ).language,
      'nl',
    );
  });

  it('gives no language to texts under three words', () => {
    assert.deepEqual(detectLanguage('Sanne 23'), { language: null, script: 'Latn' });
    assert.deepEqual(detectLanguage('GFE 69 💋'), { language: null, script: 'Latn' });
    assert.deepEqual(detectLanguage('💋💋💋 0612345678'), { language: null, script: null });
    assert.deepEqual(detectLanguage(''), { language: null, script: null });
  });

  it('tells scripts and their languages', () => {
    assert.deepEqual(detectLanguage('Привет, я новенькая в городе. Звони мне, жду тебя!'), {
      language: 'ru',
      script: 'Cyrl',
    });
    assert.deepEqual(detectLanguage('Привіт, я нова у місті. Дзвони мені, чекаю!'), {
      language: 'uk',
      script: 'Cyrl',
    });
    assert.deepEqual(detectLanguage('Здравей, аз съм нова в града. Обади ми се!'), {
      language: 'bg',
      script: 'Cyrl',
    });
    assert.deepEqual(detectLanguage('สวัสดีค่ะ นวดไทยผ่อนคลาย โทรหาได้เลย'), {
      language: 'th',
      script: 'Thai',
    });
    assert.deepEqual(detectLanguage('新来的女孩，按摩服务，欢迎来电预约'), {
      language: 'zh',
      script: 'Hani',
    });
    assert.deepEqual(detectLanguage('Γεια σας, είμαι καινούργια στην πόλη'), {
      language: 'el',
      script: 'Grek',
    });
  });

  it('takes the script of most letters', () => {
    assert.equal(detectLanguage('Привет ok, я новенькая в городе').script, 'Cyrl');
    assert.equal(detectLanguage('Ik ben nieuw in de stad, привет').script, 'Latn');
  });

  it('asks tinyld when its own counts do not tell', () => {
    const r = explainLanguage('Hej, jag heter Anna och jag är ny i stan. Ring mig när du vill!');
    assert.equal(r.source, 'tinyld');
    assert.equal(r.language, 'sv');
  });
});
