import type { Command } from 'commander';
import { parseCsvMapping } from '../intake/devices/csv.js';
import { importDevice, type DeviceImportReport } from '../intake/devices/import.js';
import {
  CUSTODY_EVENTS,
  exportDeviceJsonl,
  getDevice,
  listDevices,
  recordCustody,
} from '../intake/devices/service.js';
import type { DeviceFormat } from '../intake/devices/types.js';
import { exportTo, type CliKit } from './ads.js';
import { UsageError } from './runtime.js';

const FORMATS: readonly DeviceFormat[] = ['android-fs', 'ios-fs', 'ufdr', 'ufed-xml', 'csv'];

function counts(r: DeviceImportReport): string {
  const c = r.counts;
  return `${c.contacts} contacts, ${c.calls} calls, ${c.chats} chats, ${c.messages} messages (${c.media} with media), ${c.accounts} accounts`;
}

export function printDeviceReport(r: DeviceImportReport): void {
  const out = process.stdout;
  for (const w of r.warnings) out.write(`warning ${w.file}: ${w.message}\n`);
  if (r.reimport) {
    out.write(
      `${r.item}: this extraction was imported before (import ${r.import}, same SHA-256); nothing read again. It holds ${counts(r)}\n`,
    );
    return;
  }
  out.write(
    `${r.item} (${r.format}): ${counts(r)}; owner ${[...r.owner.phones, ...r.owner.accounts].join(', ') || 'unknown'}; ${r.files.length} files hashed${r.container ? `, container sha256 ${r.container.sha256}` : ''}; import ${r.import}\n`,
  );
}

export function registerDeviceCommands(program: Command, kit: CliKit): void {
  const device = program
    .command('device')
    .description('seized-device extractions: import, custody, records');

  device
    .command('import <path>')
    .description(
      'import an extraction (folder, .zip/.tar/.tar.gz of a file system, .ufdr, UFED report.xml, CSV) read-only, hashed, with custody',
    )
    .requiredOption('--item <evidence-no>', 'the evidence number of the item (on its bag)')
    .option('--investigation <id>', 'the investigation (needed when the item is new)')
    .option('--format <format>', `override detection: ${FORMATS.join(', ')}`)
    .option(
      '--country <cc>',
      "country for numbers written without a country code (default: the phone's own, else NL)",
    )
    .option('--map <spec>', 'CSV column mapping, e.g. number=Telefoon,time=Datum')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        path: string,
        opts: {
          item: string;
          investigation?: string;
          format?: string;
          country?: string;
          map?: string;
          json?: boolean;
        },
      ) => {
        if (opts.format && !(FORMATS as readonly string[]).includes(opts.format))
          throw new UsageError(`--format ${opts.format}: one of ${FORMATS.join(', ')}`);
        await kit.withActor(async (ctx, actor) => {
          let last = 0;
          const report = await importDevice(ctx, actor, {
            path,
            item: opts.item,
            ...(opts.country ? { country: opts.country } : {}),
            ...(opts.investigation ? { investigation: opts.investigation } : {}),
            ...(opts.format ? { format: opts.format as DeviceFormat } : {}),
            ...(opts.map ? { csvMapping: parseCsvMapping(opts.map) } : {}),
            onProgress: ({ records }) => {
              if (records - last >= 50_000 || last === 0) {
                process.stderr.write(`${opts.item}: ${records} records read\n`);
                last = records;
              }
            },
          });
          if (opts.json) {
            const { item, format, files, counts: c, owner, warnings, reimport } = report;
            process.stdout.write(
              `${JSON.stringify({ item, format, files, counts: c, owner, warnings, reimport, import: report.import, container: report.container }, null, 2)}\n`,
            );
          } else printDeviceReport(report);
        });
      },
    );

  device
    .command('list')
    .description('the devices of the investigations you are a member of')
    .action(async () => {
      await kit.withActor(async (ctx, actor) => {
        const devices = await listDevices(ctx, actor);
        const w = Math.max(0, ...devices.map((d) => d.item.length));
        const n = Math.max(0, ...devices.map((d) => d.investigation.name.length));
        for (const d of devices)
          process.stdout.write(
            `${d.item.padEnd(w)}  ${d.investigation.name.padEnd(n)}  ${d.latest ? `${d.latest.format.padEnd(10)} ${counts(d.latest)}` : 'not imported'}\n`,
          );
      });
    });

  device
    .command('custody <item>')
    .description('show the chain of custody of an item, or add a step to it (audited)')
    .option(
      '--record <event>',
      `add a step: ${CUSTODY_EVENTS.filter((e) => e !== 'imported').join(', ')}`,
    )
    .option('--at <time>', 'when (ISO 8601; default now)')
    .option('--note <text>', 'what (seal number, tool, place)')
    .action(async (item: string, opts: { record?: string; at?: string; note?: string }) => {
      await kit.withActor(async (ctx, actor) => {
        if (opts.record)
          await recordCustody(ctx, actor, item, {
            event: opts.record,
            ...(opts.at ? { at: opts.at } : {}),
            ...(opts.note ? { detail: { note: opts.note } } : {}),
          });
        const d = await getDevice(ctx, actor, item);
        for (const s of d.custody)
          process.stdout.write(
            `${s.at}  ${s.event.padEnd(10)} ${s.by.padEnd(16)} ${JSON.stringify(s.detail)}\n`,
          );
      });
    });

  const exportCmd = program.commands.find((c) => c.name() === 'export');
  if (!exportCmd) throw new Error('register the ad commands first');
  exportCmd
    .command('device <item>')
    .description('the normalised records of a device, one JSON line each with its provenance')
    .option('--format <format>', 'jsonl', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (item: string, opts: { format: string; out?: string }) => {
      if (opts.format !== 'jsonl') throw new UsageError(`--format ${opts.format}: only jsonl`);
      await kit.withActor(async (ctx, actor) => {
        const d = await getDevice(ctx, actor, item);
        const c = d.latest?.counts;
        const total = c ? c.contacts + c.calls + c.chats + c.messages + c.accounts : 0;
        await exportTo(opts.out, 'device records', total, (out, onProgress) =>
          exportDeviceJsonl(ctx, actor, item, out, onProgress),
        );
      });
    });
}
