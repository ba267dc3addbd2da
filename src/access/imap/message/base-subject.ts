/** RFC 5256 §5 `subj-blob`: `[…]` without brackets inside, then white space. */
const BLOB = /^\[[^[\]]*\]\s*/;
/** RFC 5256 §5 `subj-refwd` with its blobs and colon: `Re:`, `Fwd[2]:`, `[list] Re:`. */
const LEADER = /^(?:\[[^[\]]*\]\s*)*(?:re|fwd?)\s*(?:\[[^[\]]*\])?:\s*/i;
const TRAILER = /\s*\(fwd\)\s*$/i;

/**
 * The base subject of RFC 5256 §2.1, for SORT SUBJECT and THREAD: white space folded, then
 * `(fwd)` trailers, `Re:`/`Fw:`/`Fwd:` leaders and `[blob]`s removed, and `[Fwd: …]` unwrapped,
 * until nothing changes. The subject must already be decoded (RFC 2047) to UTF-8.
 *
 * @example
 * baseSubject('Re: [list] Fwd: Lunch (fwd)'); // 'Lunch'
 * baseSubject('[Fwd: Re: plans]');            // 'plans'
 */
export function baseSubject(subject: string): string {
  let text = subject.replace(/[\t\r\n ]+/g, ' ').trim();
  for (;;) {
    const before = text;
    while (TRAILER.test(text)) text = text.replace(TRAILER, '');
    for (;;) {
      const leader = LEADER.exec(text);
      if (leader !== null) {
        text = text.slice(leader[0].length);
        continue;
      }
      const blob = BLOB.exec(text);
      // A blob is removed only when something remains after it (RFC 5256 §2.1 step 4).
      if (blob !== null && blob[0].length < text.length) {
        text = text.slice(blob[0].length);
        continue;
      }
      break;
    }
    if (/^\[fwd:/i.test(text) && text.endsWith(']')) text = text.slice(5, -1).trim();
    if (text === before) return text;
  }
}

/** Whether the subject marks a reply or forward (RFC 5256 §2.1 "is a reply or forward"), for THREAD REFERENCES. */
export function isReplyOrForward(subject: string): boolean {
  const text = subject.replace(/[\t\r\n ]+/g, ' ').trim();
  return LEADER.test(text) || TRAILER.test(text) || /^\[fwd:/i.test(text);
}
