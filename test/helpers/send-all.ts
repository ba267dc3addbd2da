import { SmtpSession, type SmtpReply } from './smtp-session.js';

/** One message to send: who it goes to and its exact bytes. */
export interface Outgoing {
  to: string;
  bytes: Buffer;
}

/**
 * Sends every message over `connections` sessions in parallel, each taking the next message as
 * it finishes one; a session the server closed is replaced. Resolves with each message's final
 * DATA reply (or the refusal that stopped it), in the order given.
 */
export async function sendAll(port: number, messages: readonly Outgoing[], connections = 4): Promise<SmtpReply[]> {
  const replies: SmtpReply[] = new Array(messages.length);
  let next = 0;
  async function worker(): Promise<void> {
    let session: SmtpSession | null = null;
    try {
      while (next < messages.length) {
        const index = next++;
        const { to, bytes } = messages[index]!;
        session ??= await SmtpSession.open(port);
        const { mail, rcpt, data } = await session.sendMail('corpus@client.test', [to], bytes);
        replies[index] = data ?? rcpt[0] ?? mail;
        const code = replies[index]!.code;
        // 421 and 521 come with the server closing the connection (RFC 5321 §3.8, RFC 7504)
        if (code === 421 || code === 521) {
          session.destroy();
          session = null;
        } else if (code !== 250) await session.command('RSET');
      }
    } finally {
      await session?.quit();
    }
  }
  await Promise.all(Array.from({ length: connections }, () => worker()));
  return replies;
}
