/**
 * Device import, end to end into SQLite (the default store), each size in its own process:
 *
 * 1. An Android file-system extraction whose WhatsApp msgstore.db (current schema) holds N
 *    messages over 220 chats, one in ten with a photo, written by the synthetic world's Android
 *    writer. Timed: `importDevice` — hashing every file, copying the database, reading it, and
 *    writing every record with full-text indexing. Target ≥ 100,000 messages/s.
 * 2. A UFED report.xml of about B bytes written by the world's large-report generator, imported
 *    the same way (streamed). Target: 1 GB in ≤ 60 s with peak memory ≤ 1 GB.
 *
 *   npm run bench -- devices [10000,100000,1000000] [1000000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, table } from './measure.js';

const PHRASES = [
  'Hoe laat kan ik morgen komen?',
  'Hay una cita a las 22:00 en el hotel, confirma por favor',
  'Stuur me de foto’s voor de nieuwe advertentie',
  'El dinero de hoy lo recoge Marco',
  'Ik sta beneden, kamer 12?',
  'Cuánto cobraste esta noche? Manda el total',
  'Nieuwe klant om 23 uur, adres volgt',
  'Ok, llego en 10 minutos',
];

async function bigAndroid(dir: string, n: number): Promise<void> {
  const { sampleDevice } = await import('../src/scenario/devices/sample.js');
  const { writeAndroid } = await import('../src/scenario/devices/android.js');
  const d = sampleDevice('android');
  const owner = d.ownerNumbers[0]!;
  const peers = Array.from({ length: 240 }, (_, i) => `+3169710${String(i).padStart(4, '0')}`);
  const chats = Array.from({ length: 220 }, (_, i) => {
    const group = i >= 200;
    return {
      id: 100 + i,
      app: 'whatsapp' as const,
      kind: group ? ('group' as const) : ('direct' as const),
      peer: group ? null : peers[i]!,
      subject: group ? `Groep ${i}` : null,
      creator: group ? peers[i]! : null,
      members: group ? [peers[i]!, owner, peers[(i + 1) % 240]!] : [owner, peers[i]!],
      createdAt: '2023-01-01T00:00:00.000Z',
    };
  });
  d.chats.push(...chats);
  const t0 = Date.parse('2023-02-01T00:00:00.000Z');
  for (let i = 0; i < n; i++) {
    const chat = chats[i % chats.length]!;
    const outgoing = i % 3 === 0;
    d.messages.push({
      id: 1000 + i,
      chatId: chat.id,
      app: 'whatsapp',
      direction: outgoing ? 'outgoing' : 'incoming',
      sender: outgoing ? owner : chat.kind === 'group' ? chat.members[2]! : chat.peer!,
      at: new Date(t0 + i * 1000).toISOString(),
      text: i % 10 === 0 ? null : `${PHRASES[i % PHRASES.length]} (${i})`,
      attachment:
        i % 10 === 0 ? { fileName: `IMG-${i}.jpg`, mimeType: 'image/jpeg', bytes: 1000 + i } : null,
      read: true,
    });
  }
  await writeAndroid(dir, d);
}

async function child(path: string): Promise<void> {
  const { Store } = await import('../src/store/store.js');
  const { createUser } = await import('../src/access/accounts.js');
  const { SYSTEM_ACTOR } = await import('../src/access/context.js');
  const { createInvestigation } = await import('../src/access/investigations.js');
  const { importDevice } = await import('../src/intake/devices/import.js');
  const dbDir = mkdtempSync(join(tmpdir(), 'schakel-bench-devices-db-'));
  try {
    const store = Store.open({ sqlitePath: join(dbDir, 'schakel.db') });
    await store.migrate();
    const ctx = { store, now: () => new Date() };
    const cli = { ...SYSTEM_ACTOR, channel: 'cli' as const };
    const admin = await createUser(ctx, cli, {
      username: 'beheer',
      password: 'bench-password',
      roles: ['admin'],
    });
    const asActor = (u: typeof admin) => ({
      id: u.id,
      name: u.username,
      roles: u.roles,
      channel: 'cli' as const,
      ip: null,
    });
    const examiner = asActor(
      await createUser(ctx, asActor(admin), {
        username: 'examiner',
        password: 'bench-password',
        roles: ['forensic_examiner'],
      }),
    );
    const inv = await createInvestigation(ctx, examiner, {
      name: 'bench',
      purpose: 'bench',
      legalBasis: 'bench',
    });
    const started = process.hrtime.bigint();
    const r = await importDevice(ctx, examiner, { path, item: 'BENCH-1', investigation: inv.id });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await store.close();
    console.log(
      JSON.stringify({
        seconds,
        messages: r.counts.messages,
        records: Object.values(r.counts).reduce((a, b) => a + b, 0) - r.counts.media,
        warnings: r.warnings.length,
      }),
    );
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!);
} else if (process.argv[2] === '--write') {
  // For profiling: write the extraction only (`--write DIR N`), then run `--child DIR` under --cpu-prof.
  await bigAndroid(process.argv[3]!, Number(process.argv[4]));
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
  const reportBytes = Number(process.argv[3] ?? 1_000_000_000);
  const work = mkdtempSync(join(tmpdir(), 'schakel-bench-devices-'));
  const flags = ['--max-semi-space-size=64'];
  try {
    const rows: Record<string, string | number>[] = [];
    for (const n of sizes) {
      const dir = join(work, `android-${n}`);
      await bigAndroid(dir, n);
      const { result, peakRssMb } = measure(self, ['--child', dir], flags);
      const seconds = Number(result.seconds);
      rows.push({
        input: `Android msgstore.db, ${n.toLocaleString('en')} messages`,
        records: result.records!,
        seconds: seconds.toFixed(1),
        'messages/s': Math.round(Number(result.messages) / seconds),
        'MB/s': '',
        'peak RSS MB': peakRssMb,
      });
      rmSync(dir, { recursive: true, force: true });
    }
    if (reportBytes > 0) {
      const { writeLargeReport } = await import('../src/scenario/devices/ufdr.js');
      const written = await writeLargeReport(join(work, 'report.xml'), { bytes: reportBytes });
      const { result, peakRssMb } = measure(self, ['--child', written.path], flags);
      const seconds = Number(result.seconds);
      rows.push({
        input: `UFED report.xml, ${(written.reportBytes / 1e9).toFixed(2)} GB`,
        records: result.records!,
        seconds: seconds.toFixed(1),
        'messages/s': Math.round(Number(result.messages) / seconds),
        'MB/s': Math.round(written.reportBytes / 1e6 / seconds),
        'peak RSS MB': peakRssMb,
      });
    }
    table(rows);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
