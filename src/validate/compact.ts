// Compact storage of findings for huge files: a table of a gigabyte can hold millions of findings,
// and as objects (~190 bytes each) they would not fit the memory goal. Here a finding costs ~33
// bytes (positions in typed arrays, strings and data objects pooled); objects are made one at a
// time when a reporter iterates.
import type { Diagnostic } from "../types.js";

/** Past this many findings in one file, the runner moves them into a CompactDiagnostics. */
export const COMPACT_THRESHOLD = 100_000;

class Pool<T> {
  readonly values: T[] = [];
  private index = new Map<string, number>();
  /** Drop the lookup index once nothing more is added (values stay). */
  seal(): void {
    this.index = new Map();
  }
  add(key: string, value: T): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(key, i);
    }
    return i;
  }
}

/** A CompactDiagnostics as plain data (typed arrays and arrays of strings and data objects). */
export interface CompactData {
  n: number;
  positions: Int32Array;
  refs: Int32Array;
  dataRefs: Int32Array;
  strings: (string | null)[];
  data: Record<string, string | number>[];
}

const SEVERITIES: Diagnostic["severity"][] = ["error", "warning", "info"];

export class CompactDiagnostics {
  private capacity = 1 << 16;
  private n = 0;
  private positions = new Int32Array(this.capacity * 4);
  private refs = new Int32Array(this.capacity * 5); // rule, severity, message, project, indicator
  private dataRefs = new Int32Array(this.capacity);
  private readonly strings = new Pool<string | null>();
  /** Data objects by identity (the rule runner shares one object per distinct data). */
  private readonly dataValues: Record<string, string | number>[] = [];
  private dataIndex = new Map<object, number>();

  get length(): number {
    return this.n;
  }

  private grow(atLeast = this.capacity * 2): void {
    while (this.capacity < atLeast) this.capacity *= 2;
    const p = new Int32Array(this.capacity * 4);
    p.set(this.positions);
    this.positions = p;
    const r = new Int32Array(this.capacity * 5);
    r.set(this.refs);
    this.refs = r;
    const d = new Int32Array(this.capacity);
    d.set(this.dataRefs);
    this.dataRefs = d;
  }

  private ref(s: string | null): number {
    return this.strings.add(s === null ? "\u0000null" : s, s);
  }

  push(d: Diagnostic): void {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    const p = i * 4;
    const pos = this.positions;
    pos[p] = d.line;
    pos[p + 1] = d.column;
    pos[p + 2] = d.endLine;
    pos[p + 3] = d.endColumn;
    const r = i * 5;
    const refs = this.refs;
    refs[r] = this.ref(d.ruleId);
    refs[r + 1] = d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2;
    refs[r + 2] = this.ref(d.messageId);
    refs[r + 3] = this.ref(d.project);
    refs[r + 4] = this.ref(d.indicator);
    let di = this.dataIndex.get(d.data);
    if (di === undefined) {
      di = this.dataValues.length;
      this.dataValues.push(d.data);
      this.dataIndex.set(d.data, di);
    }
    this.dataRefs[i] = di;
  }

  /** The finding at storage position `i` (a new object each call; its `data` object is shared). */
  get(i: number): Diagnostic {
    const p = i * 4;
    const r = i * 5;
    const s = this.strings.values;
    return {
      ruleId: s[this.refs[r]!]!,
      severity: SEVERITIES[this.refs[r + 1]!]!,
      messageId: s[this.refs[r + 2]!]!,
      data: this.dataValues[this.dataRefs[i]!]!,
      line: this.positions[p]!,
      column: this.positions[p + 1]!,
      endLine: this.positions[p + 2]!,
      endColumn: this.positions[p + 3]!,
      project: s[this.refs[r + 3]!]!,
      indicator: s[this.refs[r + 4]!]!,
    };
  }

  /** The findings as plain data, to post to another thread (see `append`). */
  toData(): CompactData {
    const n = this.n;
    return {
      n,
      positions: this.positions.slice(0, n * 4),
      refs: this.refs.slice(0, n * 5),
      dataRefs: this.dataRefs.slice(0, n),
      strings: this.strings.values,
      data: this.dataValues,
    };
  }

  /** Add the findings of another store (`toData`, perhaps made on another thread), after these. */
  append(other: CompactData): void {
    const strings = other.strings.map((s) => this.ref(s));
    const dataBase = this.dataValues.length;
    for (const d of other.data) {
      this.dataIndex.set(d, this.dataValues.length);
      this.dataValues.push(d);
    }
    if (this.n + other.n > this.capacity) this.grow(this.n + other.n);
    for (let j = 0; j < other.n; j++) {
      const i = this.n++;
      this.positions.set(other.positions.subarray(j * 4, j * 4 + 4), i * 4);
      const r = i * 5;
      const o = j * 5;
      const refs = this.refs;
      refs[r] = strings[other.refs[o]!]!;
      refs[r + 1] = other.refs[o + 1]!;
      refs[r + 2] = strings[other.refs[o + 2]!]!;
      refs[r + 3] = strings[other.refs[o + 3]!]!;
      refs[r + 4] = strings[other.refs[o + 4]!]!;
      this.dataRefs[i] = dataBase + other.dataRefs[j]!;
    }
  }

  /** No more findings will come: free what was only needed to add them. */
  seal(): void {
    this.strings.seal();
    this.dataIndex = new Map();
  }

  /** Storage positions in report order: line, column, rule id. */
  sortedOrder(): number[] {
    const order = Array.from({ length: this.n }, (_, i) => i);
    const pos = this.positions;
    const s = this.strings.values;
    const refs = this.refs;
    order.sort((a, b) => {
      const dl = pos[a * 4]! - pos[b * 4]!;
      if (dl !== 0) return dl;
      const dc = pos[a * 4 + 1]! - pos[b * 4 + 1]!;
      if (dc !== 0) return dc;
      const ra = s[refs[a * 5]!]!;
      const rb = s[refs[b * 5]!]!;
      return ra < rb ? -1 : ra > rb ? 1 : 0;
    });
    return order;
  }

  /** Counts by severity. */
  counts(): { errorCount: number; warningCount: number; infoCount: number } {
    const c = [0, 0, 0];
    for (let i = 0; i < this.n; i++) c[this.refs[i * 5 + 1]!]!++;
    return { errorCount: c[0]!, warningCount: c[1]!, infoCount: c[2]! };
  }
}
