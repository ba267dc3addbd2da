/** RFC 5229 §4: variable names are identifiers; `.`-separated for namespaces; digits for match variables. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|[0-9]+)\}/g;

/**
 * The variables of one script run (RFC 5229): local variables, the globals shared with included
 * scripts (RFC 6609 §3.4), and the match variables `${0}`..`${9}` of the last successful match.
 * Names compare case-insensitively (§3).
 */
export class Variables {
  private readonly locals = new Map<string, string>();
  private matches: string[] = [];

  constructor(
    private readonly globals: Map<string, string>,
    private readonly globalNames: Set<string>,
    private readonly maxLength: number,
  ) {}

  /** A scope for an included script: its own locals and match variables, the same globals. */
  child(): Variables {
    return new Variables(this.globals, new Set(), this.maxLength);
  }

  /** Declares names as global for this script (`global`, RFC 6609 §3.4). */
  declareGlobal(names: readonly string[]): void {
    for (const name of names) this.globalNames.add(name.toLowerCase());
  }

  private storeOf(name: string): { map: Map<string, string>; key: string } {
    const lower = name.toLowerCase();
    if (lower.startsWith('global.')) return { map: this.globals, key: lower.slice('global.'.length) };
    return this.globalNames.has(lower) ? { map: this.globals, key: lower } : { map: this.locals, key: lower };
  }

  get(name: string): string {
    if (/^[0-9]+$/.test(name)) return this.matches[Number(name)] ?? '';
    const { map, key } = this.storeOf(name);
    return map.get(key) ?? '';
  }

  set(name: string, value: string): void {
    const { map, key } = this.storeOf(name);
    map.set(key, truncate(value, this.maxLength));
  }

  /** Replaces the match variables after a successful `:matches`/`:regex` (RFC 5229 §3.2). */
  setMatches(groups: readonly string[]): void {
    this.matches = groups.slice(0, 10).map((group) => truncate(group, this.maxLength));
  }

  /** Expands `${name}` references (RFC 5229 §3); unknown names give ''; `${}` and bad names stay as written. */
  expand(text: string): string {
    if (!text.includes('${')) return text;
    return truncate(text.replace(REFERENCE, (_, name: string) => this.get(name)), this.maxLength * 4);
  }
}

function truncate(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
