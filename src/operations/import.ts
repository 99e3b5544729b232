import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, Context } from '../access/context.js';
import { adId } from '../intake/ads/import.js';
import { addTo } from '../util/multimap.js';
import { AppError, ValidationError } from '../model/errors.js';
import { createOperation, putAssignment, saveControl } from './service.js';
import type { ControlInput, ReferralInput, SeizureInput } from './validate.js';

/**
 * `schakel operations import DIR`: an operation exchanged as JSON lines (the synthetic world's
 * `operations/` folder, or another system's export in the same format, see docs/OPERATIONS.md):
 * `operations.jsonl`, `assignments.jsonl`, `controls.jsonl`, `seizures.jsonl`. Every line is
 * checked as the forms check it; a bad line is reported with its file, line and field and the
 * rest still imports. Importing again changes nothing that is already there.
 */

export interface ImportProblem {
  file: string;
  line: number;
  field: string | null;
  message: string;
}

export interface OperationsImportReport {
  operations: number;
  assignments: number;
  controls: number;
  seizures: number;
  problems: ImportProblem[];
}

interface Line<T> {
  file: string;
  line: number;
  value: T;
}

function readLines<T>(dir: string, name: string, problems: ImportProblem[]): Line<T>[] {
  const path = join(dir, name);
  if (!existsSync(path)) return [];
  const out: Line<T>[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      try {
        out.push({ file: name, line: i + 1, value: JSON.parse(text) as T });
      } catch (error) {
        problems.push({
          file: name,
          line: i + 1,
          field: null,
          message: `not JSON: ${(error as Error).message}`,
        });
      }
    });
  return out;
}

interface OperationLine {
  id: string;
  name: string;
  start: string;
  end: string;
  lead: string;
  units: string[];
  legalBasis: string;
  purpose: string;
}
interface AssignmentLine {
  id: string;
  operationId: string;
  ad?: { source: string; sourceId: string };
  network?: string;
  unit: string;
  officer?: string | null;
  status: string;
  contacts?: { at: string; number: string; agreed: string }[];
}
/** A control line may carry one `referral` (as the world writes it) or a `referrals` list. */
type ControlLine = ControlInput & {
  id: string;
  operationId: string;
  referral?: ReferralInput | null;
};
type SeizureLine = SeizureInput & { controlId: string; operationId: string };

export async function importOperations(
  ctx: Context,
  actor: Actor,
  dir: string,
): Promise<OperationsImportReport> {
  const problems: ImportProblem[] = [];
  const report: OperationsImportReport = {
    operations: 0,
    assignments: 0,
    controls: 0,
    seizures: 0,
    problems,
  };
  const attempt = async (l: Line<unknown>, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      if (error instanceof ValidationError)
        for (const f of error.fields)
          problems.push({ file: l.file, line: l.line, field: f.field, message: f.message });
      else if (error instanceof AppError)
        problems.push({ file: l.file, line: l.line, field: null, message: error.message });
      else throw error;
      return false;
    }
  };

  for (const l of readLines<OperationLine>(dir, 'operations.jsonl', problems)) {
    if (await ctx.store.operations.byId(l.value.id)) continue;
    if (await attempt(l, () => createOperation(ctx, actor, l.value))) report.operations++;
  }
  for (const l of readLines<AssignmentLine>(dir, 'assignments.jsonl', problems)) {
    const a = l.value;
    const target = a.ad
      ? { type: 'ad' as const, id: adId(a.ad.source, a.ad.sourceId) }
      : { type: 'network' as const, id: a.network ?? '' };
    const done = await attempt(l, () =>
      putAssignment(ctx, actor, a.operationId, {
        id: a.id,
        target,
        unit: a.unit,
        officer: a.officer ?? null,
        status: a.status,
        contacts: a.contacts ?? [],
      }),
    );
    if (done) report.assignments++;
  }
  // Seized items travel in their own file; they are part of their control's report.
  const seized = new Map<string, Line<SeizureLine>[]>();
  for (const l of readLines<SeizureLine>(dir, 'seizures.jsonl', problems))
    addTo(seized, l.value.controlId, l);
  for (const l of readLines<ControlLine>(dir, 'controls.jsonl', problems)) {
    const { operationId, referral, ...control } = l.value;
    const items = seized.get(control.id) ?? [];
    seized.delete(control.id);
    const input: ControlInput = {
      ...control,
      referrals: referral ? [referral] : (control.referrals ?? []),
      seizures: items.map((i) => i.value),
    };
    const done = await attempt(l, () => saveControl(ctx, actor, operationId, input, true));
    if (done) {
      report.controls++;
      report.seizures += items.length;
    }
  }
  for (const lines of seized.values())
    for (const l of lines)
      problems.push({
        file: l.file,
        line: l.line,
        field: 'controlId',
        message: `no control ${l.value.controlId} in controls.jsonl`,
      });
  // In file and line order, as someone fixing the files reads them.
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return report;
}
