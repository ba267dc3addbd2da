/** Who is talking to the receiver, as known when a stage runs. */
export interface SessionInfo {
  /** Per-connection id, for the log. */
  id: string;
  remoteAddress: string;
  /** The EHLO/HELO name the client gave. */
  heloName: string;
  /** The TLS state of the connection (STARTTLS or implicit TLS). */
  secure: boolean;
  /** The account that authenticated with AUTH, if any. */
  authenticatedUser: string | null;
  /**
   * Which listener took the session: the MTA port (`smtp`, port 25) or message submission
   * (`submission`, RFC 6409 port 587 and RFC 8314 port 465), where authenticated users may relay.
   * Absent means `smtp` (added with the sender role; older agents need not set it).
   */
  listener?: 'smtp' | 'submission';
}

/** The SMTP envelope of one message (RFC 5321 §2.3.1). */
export interface Envelope {
  /** Unique id of this transaction, used in the Received header and the log. */
  id: string;
  /** The reverse-path; empty string for the null sender `<>`. */
  mailFrom: string;
  /** Forward-paths that were accepted at RCPT, in order. */
  rcptTo: string[];
  /** When the end of DATA was received. */
  receivedAt: Date;
  session: SessionInfo;
}
