import { integer, object, string } from './schema.js';

/** An email address (RFC 5321 §4.5.3.1.3 bounds the path to 256 octets). */
export const address = string({ minLength: 3, maxLength: 320, pattern: /^[^\s@]+@[^\s@]+$/, patternName: 'an address like user@example.com' });
/** A domain name (RFC 1035 §2.3.4). */
export const domainName = string({ minLength: 1, maxLength: 253, pattern: /^[^\s@/]+$/, patternName: 'a domain name like example.com' });
/** A mailbox name, `/` separating levels (URL-encode it as %2F in a path). */
export const mailboxName = string({ minLength: 1, maxLength: 1000, description: 'mailbox name; / separates levels (%2F in a path)' });
/** A message UID (RFC 9051 §2.3.1.1: a non-zero 32-bit number). */
export const uid = integer({ minimum: 1, maximum: 4_294_967_295, description: 'message UID' });
/** A flag: a system flag (`\\Seen`) or a keyword. */
export const flag = string({ minLength: 1, maxLength: 200, description: 'system flag like \\Seen, or a keyword' });

/** Path parameters of routes under one account. */
export const accountParams = object({ account: address });
/** Path parameters of routes under one mailbox. */
export const mailboxParams = object({ account: address, mailbox: mailboxName });
/** Path parameters of routes under one message. */
export const messageParams = object({ account: address, mailbox: mailboxName, uid });
/** Path parameters of routes under one domain. */
export const domainParams = object({ domain: domainName });
/** No path parameters. */
export const noParams = object({});
