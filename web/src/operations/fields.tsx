/** Field problems from a 400 answer, shown next to the inputs they name (`persons[0].birthYear`). */
import type { FieldError } from '../api';

export type FieldMessages = Record<string, string[]>;

/**
 * A field as the server names it (`body/persons[0].birthYear`, or from the schema check
 * `body/persons/0/birthYear`) as the form names it: `persons[0].birthYear`.
 */
export function formPath(field: string): string {
  return field
    .replace(/^body\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.');
}

/** The problems with their fields named as the form names them. */
export function normalized(fields: readonly FieldError[]): FieldError[] {
  return fields.map((f) => ({ ...f, field: formPath(f.field) }));
}

export function byField(fields: readonly FieldError[]): FieldMessages {
  const out: FieldMessages = {};
  for (const f of normalized(fields)) (out[f.field] ??= []).push(f.message);
  return out;
}

/** A DOM id for a field path (`persons[0].birthYear` → `f-persons-0-birthYear`). */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The id, and the invalid state and error description of an input. */
export function fieldAttrs(errors: FieldMessages, prefix: string, path: string) {
  const id = fieldId(prefix, path);
  return {
    id,
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': errors[path] ? `${id}-error` : undefined,
  };
}

export function FieldMessage({
  errors,
  prefix,
  path,
}: {
  errors: FieldMessages;
  prefix: string;
  path: string;
}) {
  const messages = errors[path];
  if (!messages) return null;
  return (
    <p className="field-error" id={`${fieldId(prefix, path)}-error`} data-field={path}>
      {messages.join('; ')}
    </p>
  );
}
