/** One message, in the two forms every mail client reads. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where mail goes: an SMTP server, or (without one) the log and the development outbox. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close?(): void;
}

export const MAILER = Symbol('Mailer');
