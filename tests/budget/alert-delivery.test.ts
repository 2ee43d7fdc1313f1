import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import {
  createAlertSenders,
  deliverDueAlerts,
  listAlertDeliveries,
  monthToDateSpendPicos,
  saveAlertChannels,
  updateBudgetSettings,
  type AlertSenders,
} from "~/lib/budget/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

/**
 * Budget warnings delivered by email to a real SMTP server (smtp-server, on 127.0.0.1) through nodemailer, and to a
 * local HTTP receiver as Slack-compatible JSON: an outbox written with the crossing, worked by the delivery pass,
 * retried with backoff, sent once per threshold per month, and once however many passes run at the same time. Time is
 * passed in, never waited for.
 */
const SHOP = "trail-mix.myshopify.com";
const TIME_ZONE = "America/New_York";
const NOW = new Date("2026-11-20T17:00:00Z");

interface Receiver {
  url: string;
  bodies: unknown[];
  /** Answers this many requests with HTTP 500 before answering 200. */
  failNext: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = { bodies: [] as unknown[], failNext: 0 };
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      request.on("end", () => resolve(text));
    });
  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    if (state.failNext > 0) {
      state.failNext -= 1;
      response.writeHead(500).end("no");
      return;
    }
    state.bodies.push({ contentType: request.headers["content-type"], json: JSON.parse(body) as unknown });
    response.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/budget`,
    get bodies() {
      return state.bodies;
    },
    get failNext() {
      return state.failNext;
    },
    set failNext(value: number) {
      state.failNext = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Mailbox {
  url: string;
  mails: ParsedMail[];
  envelopes: string[][];
  close(): Promise<void>;
}

async function startMailbox(): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      envelopes.push(session.envelope.rcptTo.map((to) => to.address));
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    envelopes,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let mailbox: Mailbox;
let receiver: Receiver;
let senders: AlertSenders;

beforeAll(async () => {
  [mailbox, receiver] = await Promise.all([startMailbox(), startReceiver()]);
  senders = createAlertSenders({ smtpUrl: mailbox.url, from: "Budget <alerts@app.test>", allowLoopback: true });
});

afterAll(async () => {
  await Promise.all([mailbox.close(), receiver.close()]);
});

beforeEach(async () => {
  await getUsageRecorder().drain();
  for (const model of ["budgetAlertDelivery", "budgetAlert", "budgetAlertChannels", "aPIUsageLog"] as const) {
    await (prisma[model] as { deleteMany(args: unknown): Promise<unknown> }).deleteMany({ where: { shop: SHOP } });
  }
  await prisma.usageRollupDaily.deleteMany({ where: { shop: SHOP } });
  await prisma.usageDailyTotal.deleteMany({ where: { shop: SHOP } });
  await prisma.usageRollupHourly.deleteMany({ where: { shop: SHOP } });
  await createShop(SHOP, TIME_ZONE);
  await prisma.shop.update({
    where: { shop: SHOP },
    data: { name: "Trail Mix Outfitters", monthlyBudgetPicos: null, budgetHardCap: false },
  });
  mailbox.mails.length = 0;
  mailbox.envelopes.length = 0;
  receiver.bodies.length = 0;
  receiver.failNext = 0;
});

/** A tracked call on Nov 20 and a budget that puts the month at `percent` of it. */
async function spendAt(percent: bigint, hardCap = false) {
  await trackAPIUsage(callParams(SHOP, { timestamp: new Date("2026-11-20T15:00:00Z") }));
  await getUsageRecorder().drain();
  const spent = await monthToDateSpendPicos(SHOP, TIME_ZONE, NOW);
  await updateBudgetSettings(SHOP, { monthlyBudgetPicos: (spent * 100n) / percent, hardCap }, NOW);
  return spent;
}

const deliveries = () => prisma.budgetAlertDelivery.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });

describe("budget warnings go by email and webhook", () => {
  test("a crossing queues one delivery per channel in the writer's transaction; a pass sends both", async () => {
    await saveAlertChannels(SHOP, { emails: "Owner@Trail.example, ops@trail.example", webhookUrl: receiver.url });
    await spendAt(85n, true);

    const queued = await deliveries();
    expect(queued.map((row) => [row.channel, row.target, row.status, row.attempts])).toEqual([
      ["email", "owner@trail.example,ops@trail.example", "pending", 0],
      ["webhook", receiver.url, "pending", 0],
    ]);
    // Nothing is sent by recording: only by the delivery pass.
    expect(mailbox.mails).toHaveLength(0);

    expect(await deliverDueAlerts({ senders, now: NOW })).toBe(2);
    expect((await deliveries()).map((row) => [row.status, row.attempts, row.sentAt?.toISOString()])).toEqual([
      ["sent", 1, NOW.toISOString()],
      ["sent", 1, NOW.toISOString()],
    ]);

    expect(mailbox.envelopes).toEqual([["owner@trail.example", "ops@trail.example"]]);
    const mail = mailbox.mails[0]!;
    expect(mail.subject).toMatch(/^AI spend reached 80\.0% of this month's \$\d+\.\d\d budget – Trail Mix Outfitters$/);
    expect(mail.from?.text).toBe('"Budget" <alerts@app.test>');
    // Crossed when the budget was saved under the spend, at 12:00 in New York.
    expect(mail.text).toMatch(
      /^Trail Mix Outfitters: AI spend reached 80\.0% of this month's \$\d+\.\d\d budget \(\$\d+\.\d\d spent by Nov 20, 2026, 12:00, America\/New_York\)\./,
    );
    expect(mail.text).toContain("At 100 % new Claude calls stop (the budget is a hard cap).");
    expect(mail.text).toContain("https://admin.shopify.com/store/trail-mix/apps/test-api-key/app/budget");

    expect(receiver.bodies).toEqual([
      {
        contentType: "application/json",
        json: {
          text: mail.text?.trim(),
          blocks: [
            { type: "header", text: { type: "plain_text", text: mail.subject } },
            { type: "section", text: { type: "mrkdwn", text: mail.text?.trim() } },
          ],
        },
      },
    ]);

    // The budget page lists them, in the shop's time.
    const listed = await listAlertDeliveries(SHOP, TIME_ZONE);
    expect(listed.map((row) => [row.channel, row.threshold, row.status, row.sentAt])).toEqual([
      ["webhook", 80, "sent", "Nov 20, 2026, 12:00"],
      ["email", 80, "sent", "Nov 20, 2026, 12:00"],
    ]);
  });

  test("each threshold goes out once a month: more spend under the next threshold sends nothing more", async () => {
    await saveAlertChannels(SHOP, { emails: "owner@trail.example", webhookUrl: "" });
    await spendAt(85n);
    await deliverDueAlerts({ senders, now: NOW });
    await trackAPIUsage(
      callParams(SHOP, { timestamp: new Date("2026-11-20T15:30:00Z"), inputTokens: 1, outputTokens: 1 }),
    );
    await getUsageRecorder().drain();
    expect(await deliverDueAlerts({ senders, now: new Date(NOW.getTime() + 3_600_000) })).toBe(0);
    expect(mailbox.mails).toHaveLength(1);
    expect(await deliveries()).toHaveLength(1);
  });

  test("a failed delivery is retried with backoff, and not before its time", async () => {
    await saveAlertChannels(SHOP, { emails: "", webhookUrl: receiver.url });
    await spendAt(85n);
    receiver.failNext = 1;

    await deliverDueAlerts({ senders, now: NOW });
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastError: "The webhook answered HTTP 500." });
    // The shared backoff: a minute after the first failure.
    expect(failed!.nextAttemptAt.getTime()).toBe(NOW.getTime() + 60_000);

    expect(await deliverDueAlerts({ senders, now: new Date(NOW.getTime() + 59_999) })).toBe(0);
    expect(receiver.bodies).toHaveLength(0);
    expect(await deliverDueAlerts({ senders, now: new Date(NOW.getTime() + 60_000) })).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: "sent", attempts: 2, lastError: null }]);
    expect(receiver.bodies).toHaveLength(1);
  });

  test("after six failures it gives up and says why", async () => {
    await saveAlertChannels(SHOP, { emails: "", webhookUrl: receiver.url });
    await spendAt(85n);
    receiver.failNext = 10;
    let at = NOW.getTime();
    for (let attempt = 1; attempt <= 6; attempt++) {
      await deliverDueAlerts({ senders, now: new Date(at) });
      at = (await deliveries())[0]!.nextAttemptAt.getTime();
    }
    expect(await deliveries()).toMatchObject([{ status: "failed", attempts: 6 }]);
    expect(await deliverDueAlerts({ senders, now: new Date(at + 86_400_000) })).toBe(0);
  });

  test("two processes delivering at once send each warning once (a lease per delivery)", async () => {
    await saveAlertChannels(SHOP, { emails: "owner@trail.example", webhookUrl: receiver.url });
    await spendAt(95n);
    expect(await deliveries()).toHaveLength(4);
    const handled = await Promise.all([
      deliverDueAlerts({ senders, now: NOW, owner: "process-a" }),
      deliverDueAlerts({ senders, now: NOW, owner: "process-b" }),
    ]);
    expect(handled[0]! + handled[1]!).toBe(4);
    expect(mailbox.mails.map((mail) => mail.subject?.slice(0, 28)).sort()).toEqual([
      "AI spend reached 80.0% of th",
      "AI spend reached 90.0% of th",
    ]);
    expect(receiver.bodies).toHaveLength(2);
  });

  test("without a mail server set up, email deliveries are recorded as skipped, with the reason", async () => {
    await saveAlertChannels(SHOP, { emails: "owner@trail.example", webhookUrl: "" });
    await spendAt(85n);
    const noEmail = createAlertSenders({ smtpUrl: null, from: "x@y.z", allowLoopback: true });
    await deliverDueAlerts({ senders: noEmail, now: NOW });
    expect(await deliveries()).toMatchObject([
      { status: "skipped", lastError: "Email is not set up on this app (SMTP_URL)." },
    ]);
  });

  test("a shop without channels queues nothing, and recording is not held up", async () => {
    await spendAt(85n);
    expect(await deliveries()).toEqual([]);
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(1);
  });
});
