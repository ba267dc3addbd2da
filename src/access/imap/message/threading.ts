import { baseSubject, isReplyOrForward } from './base-subject.js';

/** What threading knows of one message (RFC 5256 §2). */
export interface ThreadInput {
  /** The number the response carries: sequence number or UID. */
  number: number;
  /** Sent date (Date header, else internal date), in milliseconds. */
  date: number;
  subject: string;
  messageId: string | null;
  /** References, else In-Reply-To (RFC 5256 §4 step 1.A). */
  references: string[];
}

/** A thread node; `message` is null for a placeholder a reference named but no message filled. */
export interface ThreadNode {
  message: ThreadInput | null;
  children: ThreadNode[];
}

/** The date a node sorts by: its message's, else its first child's (RFC 5256 §4 step 4). */
function nodeDate(node: ThreadNode): number {
  return node.message?.date ?? (node.children[0] === undefined ? 0 : nodeDate(node.children[0]));
}

function nodeNumber(node: ThreadNode): number {
  return node.message?.number ?? (node.children[0] === undefined ? 0 : nodeNumber(node.children[0]));
}

function sortNodes(nodes: ThreadNode[]): void {
  for (const node of nodes) sortNodes(node.children);
  nodes.sort((left, right) => nodeDate(left) - nodeDate(right) || nodeNumber(left) - nodeNumber(right));
}

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §4): messages grouped by base subject, each group's first
 * message (by sent date) the parent of the rest; threads ordered by their first message's date.
 */
export function threadByOrderedSubject(messages: readonly ThreadInput[]): ThreadNode[] {
  const groups = new Map<string, ThreadInput[]>();
  for (const message of [...messages].sort((a, b) => a.date - b.date || a.number - b.number)) {
    const key = baseSubject(message.subject).toUpperCase();
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  const threads = [...groups.values()].map(([first, ...rest]) => ({ message: first!, children: rest.map((message) => ({ message, children: [] })) }));
  return threads.sort((a, b) => a.message.date - b.message.date || a.message.number - b.message.number);
}

function isAncestor(candidate: ThreadNode, node: ThreadNode, parents: Map<ThreadNode, ThreadNode>): boolean {
  for (let current: ThreadNode | undefined = node; current !== undefined; current = parents.get(current)) if (current === candidate) return true;
  return false;
}

/** Steps 1 to 3 of RFC 5256 §4 REFERENCES: containers linked by Message-ID, placeholders pruned. */
function linkByReferences(messages: readonly ThreadInput[]): ThreadNode[] {
  const byId = new Map<string, ThreadNode>();
  const parents = new Map<ThreadNode, ThreadNode>();
  const setParent = (child: ThreadNode, parent: ThreadNode | undefined): void => {
    const old = parents.get(child);
    if (old !== undefined) old.children.splice(old.children.indexOf(child), 1);
    if (parent === undefined) parents.delete(child);
    else {
      parents.set(child, parent);
      parent.children.push(child);
    }
  };
  const nodes: ThreadNode[] = [];
  for (const message of messages) {
    // A duplicate or missing Message-ID gets a container of its own (RFC 5256 §4 step 1.A).
    const existing = message.messageId === null ? undefined : byId.get(message.messageId);
    const node = existing !== undefined && existing.message === null ? existing : { message, children: [] };
    node.message = message;
    if (message.messageId !== null && existing === undefined) byId.set(message.messageId, node);
    nodes.push(node);
    let previous: ThreadNode | undefined;
    for (const id of message.references) {
      let container = byId.get(id);
      if (container === undefined) byId.set(id, (container = { message: null, children: [] }));
      if (previous !== undefined && !parents.has(container) && !isAncestor(container, previous, parents) && container !== previous) setParent(container, previous);
      previous = container;
    }
    if (previous !== undefined && (previous === node || isAncestor(node, previous, parents))) previous = undefined;
    setParent(node, previous);
  }
  const all = new Set([...byId.values(), ...nodes]);
  const roots = [...all].filter((node) => !parents.has(node));
  return prune(roots, true);
}

/** Step 3: placeholders without children go; a placeholder's children move up unless that would put several at the root. */
function prune(nodes: ThreadNode[], atRoot: boolean): ThreadNode[] {
  const kept: ThreadNode[] = [];
  for (const node of nodes) {
    node.children = prune(node.children, false);
    if (node.message !== null) kept.push(node);
    else if (node.children.length === 0) continue;
    else if (!atRoot || node.children.length === 1) kept.push(...node.children);
    else kept.push(node);
  }
  return kept;
}

/** Step 5: threads whose roots share a base subject are gathered (RFC 5256 §4 step 5). */
function gatherBySubject(roots: ThreadNode[]): ThreadNode[] {
  const subjectOf = (node: ThreadNode): ThreadInput | null => node.message ?? node.children[0]?.message ?? null;
  const table = new Map<string, ThreadNode>();
  const result: ThreadNode[] = [];
  for (const root of roots) {
    const input = subjectOf(root);
    const key = input === null ? '' : baseSubject(input.subject).toUpperCase();
    const other = key === '' ? undefined : table.get(key);
    if (other === undefined) {
      if (key !== '') table.set(key, root);
      result.push(root);
      continue;
    }
    if (other.message === null && root.message === null) other.children.push(...root.children);
    else if (other.message === null) other.children.push(root);
    else if (root.message !== null && isReplyOrForward(root.message.subject) && !isReplyOrForward(other.message.subject)) other.children.push(root);
    else {
      const placeholder: ThreadNode = { message: null, children: [other, root] };
      result[result.indexOf(other)] = placeholder;
      table.set(key, placeholder);
    }
  }
  return result;
}

/**
 * THREAD=REFERENCES (RFC 5256 §4): threads built from Message-ID, References and In-Reply-To,
 * placeholders pruned, roots with the same base subject gathered, siblings ordered by sent date.
 */
export function threadByReferences(messages: readonly ThreadInput[]): ThreadNode[] {
  const roots = gatherBySubject(linkByReferences(messages));
  sortNodes(roots);
  return roots;
}

function renderNode(node: ThreadNode): string {
  const parts = node.message === null ? [] : [String(node.message.number)];
  if (node.children.length === 1 && node.message !== null) parts.push(renderNode(node.children[0]!));
  else if (node.children.length > 0) parts.push(node.children.map((child) => `(${renderNode(child)})`).join(''));
  return parts.join(' ');
}

/**
 * The threads on the wire (RFC 5256 §5 `thread-list`): a chain is `(1 2 3)`, siblings are
 * parenthesised after their parent: `(1 (2)(3 4))`.
 *
 * @example
 * renderThreads([{ message: m1, children: [{ message: m2, children: [] }] }]); // '(1 2)'
 */
export function renderThreads(threads: readonly ThreadNode[]): string {
  return threads.map((thread) => `(${renderNode(thread)})`).join('');
}
