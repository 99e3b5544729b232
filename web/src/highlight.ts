/**
 * Splits a text into segments for highlighting: one segment between every pair of neighbouring
 * span boundaries, each carrying every highlight that covers it. Overlapping and nested spans (a
 * phone number inside a wa.me link) therefore need no special case.
 */

/** The kinds of value extraction marks in a text, in the order the legend shows them. */
export const MARK_KINDS = [
  'phone',
  'contact',
  'age',
  'price',
  'service',
  'origin',
  'place',
] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** `K`: what a mark stands for; extraction's value kinds unless a caller marks something else. */
export interface Highlight<K extends string = MarkKind> {
  kind: K;
  /** UTF-16 offsets, as JavaScript strings count them: `text.slice(start, end)`. */
  start: number;
  end: number;
  /** What was read, for the tooltip. */
  label: string;
}

export interface Segment<K extends string = MarkKind> {
  start: number;
  text: string;
  /** Empty for plain text. */
  highlights: Highlight<K>[];
}

/** Spans that do not fit the text (an extractor bug, or the wrong field) are left out. */
function fits(h: Highlight<string>, length: number): boolean {
  return (
    Number.isInteger(h.start) &&
    Number.isInteger(h.end) &&
    h.start >= 0 &&
    h.end <= length &&
    h.start < h.end
  );
}

export function segments<K extends string>(
  text: string,
  highlights: readonly Highlight<K>[],
): Segment<K>[] {
  const valid = highlights.filter((h) => fits(h, text.length));
  const cuts = new Set<number>([0, text.length]);
  for (const h of valid) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment<K>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    out.push({
      start,
      text: text.slice(start, end),
      highlights: valid.filter((h) => h.start <= start && h.end >= end),
    });
  }
  return out;
}

/** The distinct kinds of a segment's highlights, in legend order. */
export function kindsOf(highlights: readonly Highlight[]): MarkKind[] {
  return MARK_KINDS.filter((kind) => highlights.some((h) => h.kind === kind));
}
