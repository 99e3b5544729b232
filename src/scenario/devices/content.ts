import { mobileNumber } from '../phones.js';
import type { PlacePicker } from '../places.js';
import { WORLD_START } from '../params.js';
import type { Random } from '../random.js';
import type { Advertiser, Person } from '../world.js';
import type {
  DeviceCall,
  DeviceChat,
  DeviceContact,
  DeviceExtraction,
  DeviceMessage,
} from './model.js';

/**
 * What a seized phone of a network holds, following the world: the controller arranges bookings,
 * collects money (IBANs, payment links) and tells the beveiliger where to be; the ad placer's
 * phone holds ad texts and photos; the women's phones talk to the controller and the beveiliger,
 * often in Spanish; the phone that answers the ads talks to clients in Dutch.
 */

const DAY = 86_400_000;

/** A valid-format Dutch IBAN with a correct mod-97 check, at a made-up bank code. */
export function syntheticIban(rng: Random): string {
  const bank = 'SYNT';
  const account = rng.digits(10);
  const letters = [...`${bank}${account}NL00`]
    .map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c))
    .join('');
  let remainder = 0;
  for (const d of letters) remainder = (remainder * 10 + Number(d)) % 97;
  return `NL${String(98 - remainder).padStart(2, '0')}${bank}${account}`;
}

const NICKNAMES: Record<string, readonly string[]> = {
  controller: ['Jefe', 'Patrón', 'Don', 'Baas'],
  beveiliger: ['Seguridad', 'Segu', 'Bodyguard'],
  driver: ['Chofer', 'Taxi', 'Driver'],
  ad_placer: ['Anuncios', 'Internet', 'Fotos'],
  recruiter: ['Tía', 'Madrina', 'Amiga España'],
  sex_worker: [''],
};

interface Builder {
  contacts: DeviceContact[];
  calls: DeviceCall[];
  chats: DeviceChat[];
  messages: DeviceMessage[];
}

function at(rng: Random, fromWeek: number, toWeek: number): string {
  return new Date(
    WORLD_START + rng.int(fromWeek * 7, toWeek * 7 + 6) * DAY + rng.int(8 * 3600, 23 * 3600) * 1000,
  ).toISOString();
}

function addChat(b: Builder, chat: Omit<DeviceChat, 'id'>): DeviceChat {
  const c = { ...chat, id: b.chats.length + 1 };
  b.chats.push(c);
  return c;
}

function addMessages(
  b: Builder,
  chat: DeviceChat,
  owner: string,
  lines: { from: string; text: string | null; attachment?: DeviceMessage['attachment'] }[],
  rng: Random,
  weeks: [number, number],
): void {
  const times = lines.map(() => at(rng, weeks[0], weeks[1])).sort();
  lines.forEach((line, i) => {
    b.messages.push({
      id: b.messages.length + 1,
      chatId: chat.id,
      app: chat.app,
      direction: line.from === owner ? 'outgoing' : 'incoming',
      sender: line.from,
      at: times[i]!,
      text: line.text,
      attachment: line.attachment ?? null,
      read: true,
    });
  });
}

/**
 * Read state as phones keep it: everything up to the owner's last reply in a chat is read; what
 * came in after it is not (WhatsApp stores exactly this "read up to here" per chat).
 */
function markRead(messages: DeviceMessage[]): void {
  const lastReply = new Map<number, string>();
  for (const m of messages) {
    if (m.direction === 'outgoing' && m.at > (lastReply.get(m.chatId) ?? ''))
      lastReply.set(m.chatId, m.at);
  }
  for (const m of messages)
    m.read = m.direction === 'outgoing' || m.at <= (lastReply.get(m.chatId) ?? '');
}

/** One seized phone of `owner`, a member of network `adv`, as extracted after the action days. */
export function deviceContent(
  adv: Advertiser,
  owner: Person,
  spec: Pick<
    DeviceExtraction,
    'id' | 'evidenceNumber' | 'platform' | 'format' | 'whatsappSchema' | 'extractedAt'
  >,
  places: PlacePicker,
  rng: Random,
): DeviceExtraction {
  const b: Builder = { contacts: [], calls: [], chats: [], messages: [] };
  const number = (p: Person) => p.ownPhone ?? adv.phones[0]!.e164;
  const me = number(owner);
  const controller = adv.persons.find((p) => p.role === 'controller')!;
  // Women without a phone of their own ("no own phone" is a signal) appear in nobody's chats.
  const women = adv.persons.filter(
    (p) => p.role === 'sex_worker' && (p.ownPhone || p.id === owner.id),
  );
  const staff = adv.persons.filter((p) => p.id !== owner.id && p.role !== 'sex_worker');
  const adPhones = adv.phones.filter((p) => p.holderId === owner.id).map((p) => p.e164);
  const weeks: [number, number] = [6, 11];
  const city = () => places.cityName(rng.pick(adv.circuit));
  const legacy = spec.whatsappSchema === 'legacy';

  // Contacts: the people of the network this owner deals with, as she or he saved them.
  const known =
    owner.role === 'sex_worker'
      ? [
          controller,
          ...staff.filter((p) => p.role !== 'recruiter').slice(0, 2),
          ...rng.sample(
            women.filter((w) => w.id !== owner.id),
            3,
          ),
        ]
      : [...staff, ...women];
  for (const p of known) {
    const nick = rng.pick(NICKNAMES[p.role] ?? ['']);
    const displayName = nick ? `${nick} ${p.givenName}`.trim() : p.givenName;
    const entry = {
      displayName,
      givenName: p.givenName,
      familyName: nick || null,
      phones: [{ number: number(p), label: 'mobile' as const }],
      emails: [],
    };
    b.contacts.push({ id: b.contacts.length + 1, app: 'native', ...entry });
    if (rng.chance(0.6))
      b.contacts.push({
        id: b.contacts.length + 1,
        app: 'whatsapp',
        ...entry,
        givenName: null,
        familyName: null,
      });
  }

  // WhatsApp keeps one chat per contact: a second conversation with someone continues the first.
  const whatsappWith = (p: Person) =>
    b.chats.find((c) => c.app === 'whatsapp' && c.kind === 'direct' && c.peer === number(p)) ??
    addChat(b, {
      app: 'whatsapp',
      kind: 'direct',
      peer: number(p),
      subject: null,
      creator: null,
      members: [me, number(p)],
      createdAt: at(rng, 0, 5),
    });

  if (
    owner.role === 'controller' ||
    owner.role === 'ad_placer' ||
    owner.role === 'beveiliger' ||
    owner.role === 'driver'
  ) {
    // Instructions and money, in Spanish, to each woman.
    for (const w of women.slice(0, owner.role === 'controller' ? women.length : 3)) {
      const chat = whatsappWith(w);
      const earned = rng.int(3, 9) * 50;
      const lines = [
        { from: me, text: `Esta semana trabajas en ${city()}. El chofer te recoge el lunes.` },
        { from: number(w), text: 'Ok' },
        { from: me, text: `Cuánto hiciste hoy?` },
        { from: number(w), text: `Hoy ${rng.int(2, 6)} clientes, ${earned} euros` },
        {
          from: me,
          text: `Mándame ${earned - 50} euros a ${syntheticIban(rng)}. Todavía me debes ${rng.int(20, 60) * 100} del viaje.`,
        },
        {
          from: number(w),
          text: rng.pick(['Sí jefe', 'Ya te mandé', 'Mañana te mando, hoy no hay nada']),
        },
        { from: me, text: `Paga aquí: https://betaalverzoek.example/${rng.digits(8)}` },
      ];
      addMessages(b, chat, me, owner.role === 'controller' ? lines : lines.slice(0, 2), rng, weeks);
      if (!legacy && rng.chance(0.5)) {
        b.calls.push({
          id: b.calls.length + 1,
          app: 'whatsapp',
          number: number(w),
          direction: rng.pick(['incoming', 'outgoing'] as const),
          at: at(rng, ...weeks),
          durationSeconds: rng.int(20, 400),
          video: false,
        });
      }
    }
    // Where to be: the controller and the beveiliger.
    for (const p of staff.filter(
      (s) => s.role === 'beveiliger' || s.role === 'driver' || s.role === 'controller',
    )) {
      const chat = whatsappWith(p);
      addMessages(
        b,
        chat,
        me,
        [
          {
            from: owner.role === 'controller' ? me : number(p),
            text: `Vanavond om 22:00 bij het adres in ${city()}. Let op de meiden.`,
          },
          { from: owner.role === 'controller' ? number(p) : me, text: 'Komt goed' },
          {
            from: owner.role === 'controller' ? me : number(p),
            text: `Geld ophalen bij ${women.length > 0 ? rng.pick(women).givenName : 'de meiden'} en naar mij brengen`,
          },
        ],
        rng,
        weeks,
      );
    }
  }

  if (
    owner.role === 'ad_placer' ||
    (owner.role === 'controller' && !adv.persons.some((p) => p.role === 'ad_placer'))
  ) {
    // The ad placer's phone holds the ad texts and photos.
    // The controller who places ads himself sends them to a woman to check; else the placer gets them from him.
    const boss = owner.role === 'controller' ? women[0] : controller;
    if (boss) {
      const chat = whatsappWith(boss);
      const lines = adv.ads.slice(0, 6).flatMap((ad, i) => [
        {
          from: number(boss),
          text: `Pon el anuncio de ${adv.persons.find((p) => p.id === ad.personId)?.givenName ?? 'la nueva'} en ${ad.source}`,
          attachment: {
            fileName: `IMG-2023030${(i % 9) + 1}-WA00${10 + i}.jpg`,
            mimeType: 'image/jpeg',
            bytes: rng.int(40_000, 180_000),
          },
        },
        { from: me, text: `Listo: https://${ad.source}/advertentie/${ad.sourceId}` },
      ]);
      addMessages(b, chat, me, lines, rng, weeks);
    }
  }

  if (adPhones.length > 0 || owner.role === 'controller') {
    // The phone that answers the ads: clients, in Dutch, by SMS and by call.
    for (let i = 0; i < rng.int(8, 25); i++) {
      const client = mobileNumber('NL', rng);
      const chat = addChat(b, {
        app: 'native',
        kind: 'direct',
        peer: client,
        subject: null,
        creator: null,
        members: [me, client],
        createdAt: at(rng, ...weeks),
      });
      addMessages(
        b,
        chat,
        me,
        [
          {
            from: client,
            text: rng.pick([
              'Hoi, ben je vanavond beschikbaar?',
              'Hallo, kan ik vandaag langskomen?',
              'Is Sofia er nog?',
              'Wat kost een uur?',
            ]),
          },
          {
            from: me,
            text: `Ja schat, ${rng.pick([100, 120, 150])} p/u. Adres stuur ik als je er bent`,
          },
          { from: client, text: rng.pick(['Ok ik kom om 21:00', 'Top, tot zo', 'Te duur, sorry']) },
        ],
        rng,
        weeks,
      );
      for (let c = 0; c < rng.int(1, 3); c++) {
        b.calls.push({
          id: b.calls.length + 1,
          app: 'native',
          number: client,
          direction: rng.weighted([
            ['incoming', 5],
            ['missed', 3],
            ['outgoing', 1],
          ] as const),
          at: at(rng, ...weeks),
          durationSeconds: rng.int(0, 120),
          video: false,
        });
      }
    }
  }

  if (owner.role === 'sex_worker') {
    // Her phone: the controller, the beveiliger, a friend at home, in Spanish.
    const chat = whatsappWith(controller);
    addMessages(
      b,
      chat,
      me,
      [
        { from: number(controller), text: `Mañana vas a ${city()}. No salgas del apartamento.` },
        { from: me, text: 'Estoy cansada, quiero descansar un día' },
        { from: number(controller), text: 'No. Tienes que pagar lo que debes.' },
        { from: me, text: `Hoy ${rng.int(1, 5)} clientes`, attachment: null },
        { from: number(controller), text: 'Manda la plata esta noche' },
      ],
      rng,
      weeks,
    );
    const home = mobileNumber(
      owner.nationality in { CO: 1, VE: 1, DO: 1, BR: 1, PY: 1, RO: 1 } ? owner.nationality : 'ES',
      rng,
    );
    const family = addChat(b, {
      app: 'whatsapp',
      kind: 'direct',
      peer: home,
      subject: null,
      creator: null,
      members: [me, home],
      createdAt: at(rng, 0, 3),
    });
    addMessages(
      b,
      family,
      me,
      [
        { from: home, text: 'Hija, cómo estás? Cuándo vuelves?' },
        { from: me, text: 'Bien mamá, trabajando mucho. Te mando plata pronto' },
      ],
      rng,
      weeks,
    );
    if (!legacy)
      b.calls.push({
        id: b.calls.length + 1,
        app: 'whatsapp',
        number: home,
        direction: 'outgoing',
        at: at(rng, ...weeks),
        durationSeconds: rng.int(60, 900),
        video: rng.chance(0.3),
      });
    b.calls.push({
      id: b.calls.length + 1,
      app: 'native',
      number: number(controller),
      direction: 'incoming',
      at: at(rng, ...weeks),
      durationSeconds: rng.int(10, 200),
      video: false,
    });
  }

  // A group: the controller, the beveiliger(s) and the women of one city.
  const groupMembers = [
    controller,
    ...staff.filter((s) => s.role === 'beveiliger'),
    ...women.slice(0, 5),
  ];
  if (groupMembers.some((p) => p.id === owner.id)) {
    const groupCity = city();
    const group = addChat(b, {
      app: 'whatsapp',
      kind: 'group',
      peer: null,
      subject: `Chicas ${groupCity} 💋`,
      creator: number(controller),
      members: [...new Set(groupMembers.map(number))],
      createdAt: at(rng, 2, 5),
    });
    addMessages(
      b,
      group,
      me,
      [
        {
          from: number(controller),
          text: `Reglas: nada de salir sin permiso. El dinero se entrega cada noche.`,
        },
        ...women
          .slice(0, 3)
          .map((w) => ({ from: number(w), text: rng.pick(['Ok', 'Entendido', '👍']) })),
        { from: number(controller), text: `Esta semana todas a ${groupCity}` },
      ],
      rng,
      weeks,
    );
  }

  markRead(b.messages);

  const extraction: DeviceExtraction = {
    ...spec,
    model:
      spec.platform === 'android'
        ? rng.pick([
            'Samsung SM-A525F',
            'Samsung SM-G991B',
            'Xiaomi M2101K6G',
            'Motorola moto g(30)',
          ])
        : rng.pick(['iPhone12,1', 'iPhone13,2', 'iPhone11,8']),
    osVersion:
      spec.platform === 'android' ? rng.pick(['11', '12', '13']) : rng.pick(['15.7.3', '16.3.1']),
    ownerId: owner.id,
    ownerName: owner.givenName,
    ownerNumbers: [...new Set([me, ...adPhones])],
    simCountry: me.startsWith('+31') ? 'NL' : me.startsWith('+34') ? 'ES' : 'NL',
    contacts: b.contacts,
    calls: b.calls.sort((x, y) => (x.at < y.at ? -1 : 1)).map((c, i) => ({ ...c, id: i + 1 })),
    chats: b.chats,
    messages: b.messages,
    accounts: [
      { app: 'whatsapp', identifier: me, displayName: owner.givenName },
      {
        app: spec.platform === 'android' ? 'google' : 'icloud',
        identifier: `${owner.givenName
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')}.${rng.digits(4)}@example.invalid`,
        displayName: null,
      },
    ],
  };
  return extraction;
}
