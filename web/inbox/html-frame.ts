import { h } from './dom.js';

/**
 * The policy inside the message frame (CSP Level 3, set by a `<meta>` that precedes the mail's own
 * markup). No script ever; remote images, styles, fonts and media only when the reader asks.
 */
function framePolicy(allowRemote: boolean): string {
  const remote = allowRemote ? ' http: https:' : '';
  return [
    "default-src 'none'",
    "script-src 'none'",
    `img-src data: cid:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src data:${remote}`,
    `media-src data:${remote}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Whether the HTML names anything remote that the frame's policy would block. */
export function hasRemoteContent(html: string): boolean {
  return /(?:src|href|background|url\()\s*=?\s*["']?\s*(?:https?:)?\/\//i.test(html);
}

/**
 * A frame showing mail HTML: `sandbox` with no permissions (no script, a unique origin, no
 * forms, no popups, no top navigation) and `srcdoc` starting with the policy above, so the mail
 * cannot reach the page, its storage or the API even if a browser bug let a script start.
 */
export function messageFrame(html: string, allowRemote: boolean): HTMLIFrameElement {
  const head = `<meta http-equiv="Content-Security-Policy" content="${framePolicy(allowRemote)}"><meta name="referrer" content="no-referrer">`;
  const frame = h('iframe', { class: 'mail-html', title: 'message HTML', sandbox: '', referrerpolicy: 'no-referrer' });
  // A meta refresh would navigate the frame to a remote page, past the policy: defuse it.
  const defused = html.replace(/http-equiv(\s*=\s*["']?\s*refresh)/gi, 'data-defused-http-equiv$1');
  frame.srcdoc = `<!doctype html>${head}${defused}`;
  return frame;
}
