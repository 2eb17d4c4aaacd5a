import nodemailer from 'nodemailer';

export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** The SMTP relay of FIO_SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS from the start). */
export function createMailTransport(smtpUrl: string): MailTransport {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}
