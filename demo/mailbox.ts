import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The demo's mail server: a real SMTP server (smtp-server) on the loopback interface, which the app reaches through
 * SMTP_URL like any mail server, keeping the last messages in memory so the demo can show where the budget warnings
 * went (/demo/mailbox). Nothing leaves the machine.
 */
export interface DemoMail {
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

const KEEP = 50;

export interface DemoMailbox {
  smtpUrl: string;
  mails: DemoMail[];
  close(): Promise<void>;
}

export async function startDemoMailbox(): Promise<DemoMailbox> {
  const mails: DemoMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 1_000_000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.unshift({
            receivedAt: new Date(),
            from: mail.from?.text ?? "",
            to: session.envelope.rcptTo.map((to) => to.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          mails.splice(KEEP);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { smtpUrl: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(resolve)) };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** The mailbox as a plain page: what the app emailed, newest first. */
export function mailboxPage(mails: readonly DemoMail[]): string {
  const items = mails
    .map(
      (mail) => `<article>
  <h2>${escape(mail.subject)}</h2>
  <p class="meta">To ${escape(mail.to.join(", "))} · from ${escape(mail.from)} · ${escape(mail.receivedAt.toISOString())}</p>
  <pre>${escape(mail.text)}</pre>
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo mailbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#f1f1f1;color:#303030}
main{max-width:760px;margin:auto}article{background:#fff;border-radius:12px;padding:16px 20px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.1)}
h1{font-size:20px}h2{font-size:16px;margin:0 0 4px}.meta{color:#616161;font-size:13px;margin:0 0 8px}pre{white-space:pre-wrap;font:inherit;margin:0}</style>
</head><body><main>
<h1>Demo mailbox</h1>
<p>What the app emailed while the demo ran (its budget warnings), as the demo's local mail server received it. A real
install sends these through the mail server in its SMTP_URL.</p>
${items || "<p>No mail yet. Set a budget below this month's spend on the Budget page, with an address to email.</p>"}
</main></body></html>`;
}
