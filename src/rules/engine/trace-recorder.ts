import type { SourcePosition, TraceEntry } from '../../interfaces/rules.js';

/** Collects the explanation trace of one run, bounded so a hostile script cannot grow it without end. */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];
  private dropped = 0;

  constructor(private readonly maxEntries = 2000) {}

  add(entry: TraceEntry): void {
    if (this.entries.length < this.maxEntries) this.entries.push(entry);
    else this.dropped++;
  }

  note(origin: string, position: SourcePosition | null, description: string): void {
    this.add({ origin, position, kind: 'note', description });
  }

  /** The entries, with a last note saying how many did not fit. */
  finish(): TraceEntry[] {
    if (this.dropped > 0) this.entries.push({ origin: 'engine', position: null, kind: 'note', description: `${this.dropped} more trace entries left out` });
    return this.entries;
  }
}
