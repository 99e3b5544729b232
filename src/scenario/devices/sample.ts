import type { DeviceExtraction } from './model.js';

/**
 * A small, hand-written extraction that touches every record kind: native and WhatsApp contacts,
 * calls in all directions, direct and group chats, attachments, accounts. Writers are tested on
 * it; the world generator produces bigger ones of the same shape. All numbers are fictional
 * (Dutch 06-9xxx, Spanish 6xx 0xx ranges not in service).
 */
export function sampleDevice(
  platform: 'android' | 'ios',
  format: DeviceExtraction['format'] = platform === 'android' ? 'android-fs' : 'ios-fs',
): DeviceExtraction {
  const owner = '+31697000001';
  const controller = '+34600000101';
  const driver = '+31697000002';
  const client = '+31697000003';
  return {
    id: `sample-${platform}`,
    evidenceNumber: 'PL1300-2023-000001-01',
    platform,
    format,
    model: platform === 'android' ? 'Samsung SM-A515F' : 'iPhone12,1',
    osVersion: platform === 'android' ? '12' : '16.3.1',
    ownerId: 'person-sample',
    ownerName: 'Valentina',
    ownerNumbers: [owner],
    simCountry: 'NL',
    whatsappSchema: 'current',
    extractedAt: '2023-04-03T09:00:00.000Z',
    contacts: [
      {
        id: 1,
        app: 'native',
        displayName: 'Jefe',
        givenName: 'Jefe',
        familyName: null,
        phones: [{ number: controller, label: 'mobile' }],
        emails: [],
      },
      {
        id: 2,
        app: 'native',
        displayName: 'Chofer Marco',
        givenName: 'Marco',
        familyName: 'Chofer',
        phones: [
          { number: driver, label: 'mobile' },
          { number: '+31201234567', label: 'work' },
        ],
        emails: ['marco.rijdt@example.invalid'],
      },
      {
        id: 3,
        app: 'whatsapp',
        displayName: 'Jefe',
        givenName: null,
        familyName: null,
        phones: [{ number: controller, label: 'mobile' }],
        emails: [],
      },
    ],
    calls: [
      {
        id: 1,
        app: 'native',
        number: client,
        direction: 'incoming',
        at: '2023-03-28T19:02:11.000Z',
        durationSeconds: 47,
        video: false,
      },
      {
        id: 2,
        app: 'native',
        number: driver,
        direction: 'outgoing',
        at: '2023-03-28T19:10:00.000Z',
        durationSeconds: 12,
        video: false,
      },
      {
        id: 3,
        app: 'native',
        number: client,
        direction: 'missed',
        at: '2023-03-28T21:30:00.000Z',
        durationSeconds: 0,
        video: false,
      },
      {
        id: 4,
        app: 'whatsapp',
        number: controller,
        direction: 'incoming',
        at: '2023-03-28T22:00:00.000Z',
        durationSeconds: 185,
        video: false,
      },
    ],
    chats: [
      {
        id: 1,
        app: 'native',
        kind: 'direct',
        peer: client,
        subject: null,
        creator: null,
        members: [owner, client],
        createdAt: '2023-03-28T18:55:00.000Z',
      },
      {
        id: 2,
        app: 'whatsapp',
        kind: 'direct',
        peer: controller,
        subject: null,
        creator: null,
        members: [owner, controller],
        createdAt: '2023-03-20T10:00:00.000Z',
      },
      {
        id: 3,
        app: 'whatsapp',
        kind: 'group',
        peer: null,
        subject: 'Chicas Zwolle 💋',
        creator: controller,
        members: [controller, owner, driver],
        createdAt: '2023-03-21T08:00:00.000Z',
      },
    ],
    messages: [
      {
        id: 1,
        chatId: 1,
        app: 'native',
        direction: 'incoming',
        sender: client,
        at: '2023-03-28T18:55:00.000Z',
        text: 'Hoi, ben je vanavond beschikbaar?',
        attachment: null,
        read: true,
      },
      {
        id: 2,
        chatId: 1,
        app: 'native',
        direction: 'outgoing',
        sender: owner,
        at: '2023-03-28T18:57:30.000Z',
        text: 'Ja schat, 150 p/u. Adres stuur ik later',
        attachment: null,
        read: true,
      },
      {
        id: 3,
        chatId: 2,
        app: 'whatsapp',
        direction: 'incoming',
        sender: controller,
        at: '2023-03-28T17:00:00.000Z',
        text: 'Hoy trabajas en Zwolle. Mándame el dinero por la noche.',
        attachment: null,
        read: true,
      },
      {
        id: 4,
        chatId: 2,
        app: 'whatsapp',
        direction: 'outgoing',
        sender: owner,
        at: '2023-03-28T23:40:00.000Z',
        text: 'Listo, 450 euros',
        attachment: { fileName: 'IMG-20230328-WA0004.jpg', mimeType: 'image/jpeg', bytes: 48211 },
        read: true,
      },
      {
        id: 5,
        chatId: 3,
        app: 'whatsapp',
        direction: 'incoming',
        sender: driver,
        at: '2023-03-29T09:15:00.000Z',
        text: 'Ik haal jullie om 11 uur op bij het station',
        attachment: null,
        read: false,
      },
      {
        id: 6,
        chatId: 3,
        app: 'whatsapp',
        direction: 'outgoing',
        sender: owner,
        at: '2023-03-29T09:16:00.000Z',
        text: 'Ok 👍',
        attachment: null,
        read: true,
      },
    ],
    accounts: [
      { app: 'whatsapp', identifier: owner, displayName: 'Vale' },
      {
        app: platform === 'android' ? 'google' : 'icloud',
        identifier: 'vale.sample@example.invalid',
        displayName: null,
      },
    ],
  };
}

/**
 * The Android sample plus what it lacks for MMS: a picture in an SMS chat and a native group chat;
 * `legacy` writes the old WhatsApp schema (which has no WhatsApp call log).
 */
export function richSampleDevice(schema: 'current' | 'legacy' = 'current'): DeviceExtraction {
  const d = sampleDevice('android');
  d.whatsappSchema = schema;
  if (schema === 'legacy') d.calls = d.calls.filter((c) => c.app !== 'whatsapp');
  d.chats.push({
    id: 4,
    app: 'native',
    kind: 'group',
    peer: null,
    subject: null,
    creator: null,
    members: ['+31697000001', '+31697000003', '+31697000002'],
    createdAt: '2023-03-30T12:00:00.000Z',
  });
  d.messages.push(
    {
      id: 7,
      chatId: 1,
      app: 'native',
      direction: 'incoming',
      sender: '+31697000003',
      at: '2023-03-28T19:05:00.000Z',
      text: 'Is dit goed?',
      attachment: { fileName: 'IMG_0412.jpg', mimeType: 'image/jpeg', bytes: 91234 },
      read: true,
    },
    {
      id: 8,
      chatId: 4,
      app: 'native',
      direction: 'incoming',
      sender: '+31697000002',
      at: '2023-03-30T12:00:00.000Z',
      text: 'Ik sta voor de deur',
      attachment: null,
      read: false,
    },
    {
      id: 9,
      chatId: 4,
      app: 'native',
      direction: 'outgoing',
      sender: '+31697000001',
      at: '2023-03-30T12:01:30.000Z',
      text: 'Kom eraan',
      attachment: null,
      read: true,
    },
  );
  return d;
}
