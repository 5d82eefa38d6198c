// Compact storage of findings for huge files: a table of a gigabyte can hold millions of findings,
// and as objects (~190 bytes each) they would not fit the memory goal. Here a finding costs 44
// bytes in blocks of numbers (strings and data objects pooled); objects are made one at a time when
// a reporter iterates.
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
  /** FIELDS numbers per finding (see CompactDiagnostics), in storage order. */
  records: Int32Array;
  strings: (string | null)[];
  data: Record<string, string | number>[];
}

const SEVERITIES: Diagnostic["severity"][] = ["error", "warning", "info"];

/** Numbers per finding: line, column, endLine, endColumn, rule, severity, message, project, indicator, data, cell reference. */
const FIELDS = 11;
const LINE = 0;
const COLUMN = 1;
const RULE = 4;
const SEVERITY = 5;

/**
 * Findings as numbers in fixed-size blocks (never copied to grow, so memory follows the count:
 * 44 bytes a finding, plus the pooled strings and data objects).
 */
export class CompactDiagnostics {
  private n = 0;
  private readonly blocks: Int32Array[] = [];
  private readonly blockSize: number;
  private readonly shift: number;
  private readonly strings = new Pool<string | null>();
  /** Data objects by identity (the rule runner shares one object per distinct data). */
  private readonly dataValues: Record<string, string | number>[] = [];
  private dataIndex = new Map<object, number>();

  /** `blockBits`: findings per block as a power of two (tests make blocks tiny). */
  constructor(blockBits = 16) {
    this.shift = blockBits;
    this.blockSize = 1 << blockBits;
  }

  get length(): number {
    return this.n;
  }

  private ref(s: string | null): number {
    return this.strings.add(s === null ? "\u0000null" : s, s);
  }

  /** The block and offset of a new finding's record. */
  private next(): [Int32Array, number] {
    const i = this.n++;
    const b = i >>> this.shift;
    if (b === this.blocks.length) this.blocks.push(new Int32Array(this.blockSize * FIELDS));
    return [this.blocks[b]!, (i & (this.blockSize - 1)) * FIELDS];
  }

  push(d: Diagnostic): void {
    const [block, r] = this.next();
    block[r] = d.line;
    block[r + 1] = d.column;
    block[r + 2] = d.endLine;
    block[r + 3] = d.endColumn;
    block[r + 4] = this.ref(d.ruleId);
    block[r + 5] = d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2;
    block[r + 6] = this.ref(d.messageId);
    block[r + 7] = this.ref(d.project);
    block[r + 8] = this.ref(d.indicator);
    let di = this.dataIndex.get(d.data);
    if (di === undefined) {
      di = this.dataValues.length;
      this.dataValues.push(d.data);
      this.dataIndex.set(d.data, di);
    }
    block[r + 9] = di;
    block[r + 10] = this.ref(d.ref ?? null);
  }

  /** The finding at storage position `i` (a new object each call; its `data` object is shared). */
  get(i: number): Diagnostic {
    const block = this.blocks[i >>> this.shift]!;
    const r = (i & (this.blockSize - 1)) * FIELDS;
    const s = this.strings.values;
    const d: Diagnostic = {
      ruleId: s[block[r + 4]!]!,
      severity: SEVERITIES[block[r + 5]!]!,
      messageId: s[block[r + 6]!]!,
      data: this.dataValues[block[r + 9]!]!,
      line: block[r]!,
      column: block[r + 1]!,
      endLine: block[r + 2]!,
      endColumn: block[r + 3]!,
      project: s[block[r + 7]!]!,
      indicator: s[block[r + 8]!]!,
    };
    const ref = s[block[r + 10]!];
    if (ref !== null && ref !== undefined) d.ref = ref;
    return d;
  }

  /** The findings as plain data, to post to another thread (see `append`). */
  toData(): CompactData {
    const records = new Int32Array(this.n * FIELDS);
    const per = this.blockSize * FIELDS;
    this.blocks.forEach((block, b) => records.set(b === this.blocks.length - 1 ? block.subarray(0, records.length - b * per) : block, b * per));
    return { n: this.n, records, strings: this.strings.values, data: this.dataValues };
  }

  /** Add the findings of another store (`toData`, perhaps made on another thread), after these. */
  append(other: CompactData): void {
    const strings = other.strings.map((s) => this.ref(s));
    const dataBase = this.dataValues.length;
    for (const d of other.data) {
      this.dataIndex.set(d, this.dataValues.length);
      this.dataValues.push(d);
    }
    const from = other.records;
    for (let j = 0; j < other.n; j++) {
      const [block, r] = this.next();
      const o = j * FIELDS;
      block.set(from.subarray(o, o + 4), r);
      block[r + 4] = strings[from[o + 4]!]!;
      block[r + 5] = from[o + 5]!;
      block[r + 6] = strings[from[o + 6]!]!;
      block[r + 7] = strings[from[o + 7]!]!;
      block[r + 8] = strings[from[o + 8]!]!;
      block[r + 9] = dataBase + from[o + 9]!;
      block[r + 10] = strings[from[o + 10]!]!;
    }
  }

  /** No more findings will come: free what was only needed to add them. */
  seal(): void {
    this.strings.seal();
    this.dataIndex = new Map();
  }

  /** Storage positions in report order: line, column, rule id (then storage order). */
  sortedOrder(): Int32Array {
    const n = this.n;
    const lines = new Int32Array(n);
    const columns = new Int32Array(n);
    const rules = new Int32Array(n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const block = this.blocks[i >>> this.shift]!;
      const r = (i & (this.blockSize - 1)) * FIELDS;
      lines[i] = block[r + LINE]!;
      columns[i] = block[r + COLUMN]!;
      rules[i] = block[r + RULE]!;
      order[i] = i;
    }
    const s = this.strings.values;
    return order.sort((a, b) => {
      const d = lines[a]! - lines[b]! || columns[a]! - columns[b]!;
      if (d !== 0) return d;
      const ra = s[rules[a]!]!;
      const rb = s[rules[b]!]!;
      return ra < rb ? -1 : ra > rb ? 1 : a - b;
    });
  }

  /** Counts by severity. */
  counts(): { errorCount: number; warningCount: number; infoCount: number } {
    const c = [0, 0, 0];
    for (let i = 0; i < this.n; i++) c[this.blocks[i >>> this.shift]![(i & (this.blockSize - 1)) * FIELDS + SEVERITY]!]!++;
    return { errorCount: c[0]!, warningCount: c[1]!, infoCount: c[2]! };
  }
}
