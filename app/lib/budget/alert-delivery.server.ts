import { randomUUID } from "node:crypto";
import { lookup } from "node:dns/promises";
import { Prisma, type BudgetAlert, type BudgetAlertDelivery } from "@prisma/client";
import prisma, { type Db } from "~/db.server";
import { dialect } from "~/lib/database/index.server";
import { env } from "~/env.server";
import { backoffDelay, type Backoff } from "~/lib/retry";
import { percent, usd } from "~/lib/format";
import { addDays, describeLocalTime, formatDay, localDayOf, monthOf, type LocalDay } from "~/lib/time";
import { checkAlertEmails, checkWebhookUrl, isLoopbackAddress, isPublicAddress } from "./alert-targets";

/**
 * Budget warnings delivered where merchants look: by email (SMTP through nodemailer, configured by SMTP_URL) and to a
 * webhook as Slack-compatible JSON. An outbox: when the usage writer records a crossing it also writes one delivery
 * row per channel the shop has set up, in the same transaction, so recording never waits on a mail server. Background
 * work (`startBudgetAlertDelivery`, started by app/background.server.ts) claims due rows with a lease (a conditional
 * update only one process wins), sends, and records the outcome: sent, or the error and the next try with the shared
 * backoff (1 minute, doubling, at most an hour), giving up after MAX_ATTEMPTS. A crossing is unique per shop, month
 * and threshold and a delivery per crossing and channel, so each goes out once a month per threshold. If a process
 * dies after sending and before recording, the lease expires and the message is sent again: at least once, rarely
 * twice, never lost.
 */
export const ALERT_CHANNELS = ["email", "webhook"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

const MAX_ATTEMPTS = 6;
const RETRY: Backoff = { firstMs: 60_000, maxMs: 3_600_000 };
const LEASE_MS = 60_000;
const BATCH = 20;
const WEBHOOK_TIMEOUT_MS = 10_000;
const POLL_MS = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// The shop's channels

export interface AlertChannels {
  emails: string[];
  webhookUrl: string | null;
}

export async function getAlertChannels(shop: string): Promise<AlertChannels> {
  const row = await prisma.budgetAlertChannels.findUnique({ where: { shop } });
  return { emails: row?.emails ? row.emails.split(",") : [], webhookUrl: row?.webhookUrl || null };
}

export class InvalidAlertChannelsError extends Error {
  override name = "InvalidAlertChannelsError";
  constructor(
    readonly field: "emails" | "webhookUrl",
    message: string,
  ) {
    super(message);
  }
}

/** Saves where warnings go (validated here: the route passes the merchant's text as typed). */
export async function saveAlertChannels(shop: string, input: { emails: string; webhookUrl: string }) {
  const emails = checkAlertEmails(input.emails);
  if (!emails.ok) throw new InvalidAlertChannelsError("emails", emails.error);
  let webhookUrl: string | null = null;
  if (input.webhookUrl.trim() !== "") {
    const checked = checkWebhookUrl(input.webhookUrl, { allowLoopback: env.nodeEnv !== "production" });
    if (!checked.ok) throw new InvalidAlertChannelsError("webhookUrl", checked.error);
    webhookUrl = checked.value;
  }
  const data = { emails: emails.value.join(","), webhookUrl };
  await prisma.budgetAlertChannels.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return { emails: emails.value, webhookUrl };
}

// ---------------------------------------------------------------------------------------------------------------
// Enqueueing (inside the usage writer's transaction)

/** Writes the deliveries of a crossing just recorded, one per channel the shop has set up (nothing if none). */
export async function enqueueAlertDeliveries(tx: Db, alertId: number, shop: string, at: Date): Promise<void> {
  const channels = await tx.budgetAlertChannels.findUnique({ where: { shop } });
  const targets: Array<[AlertChannel, string]> = [];
  if (channels?.emails) targets.push(["email", channels.emails]);
  if (channels?.webhookUrl) targets.push(["webhook", channels.webhookUrl]);
  for (const [channel, target] of targets) {
    await tx.$executeRaw(
      Prisma.sql`INSERT INTO "BudgetAlertDelivery" ("alertId", "shop", "channel", "target", "status", "attempts", "nextAttemptAt", "createdAt")
       VALUES (${alertId}, ${shop}, ${channel}, ${target}, 'pending', 0, ${dialect.instant(at)}, ${dialect.instant(at)})
       ON CONFLICT ("alertId", "channel") DO NOTHING`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What is sent

export interface AlertMessage {
  subject: string;
  text: string;
}

function adminBudgetUrl(shop: string): string | null {
  const store = shop.replace(/\.myshopify\.com$/, "");
  const apiKey = process.env.SHOPIFY_API_KEY;
  return apiKey ? `https://admin.shopify.com/store/${store}/apps/${apiKey}/app/budget` : null;
}

/** The warning in words: what was crossed, when, what it means for new Claude work, and where to act. */
export function alertMessage(
  alert: Pick<BudgetAlert, "threshold" | "budgetPicos" | "spentPicos" | "crossedAt" | "monthKey">,
  shop: { shop: string; name: string; timeZone: string; hardCap: boolean; resetsOn: LocalDay },
): AlertMessage {
  const budget = usd(alert.budgetPicos);
  const when = describeLocalTime(alert.crossedAt, shop.timeZone);
  const reached =
    alert.threshold >= 100
      ? `AI spend reached this month's ${budget} budget`
      : `AI spend reached ${percent(alert.threshold)} of this month's ${budget} budget`;
  const consequence =
    alert.threshold >= 100
      ? shop.hardCap
        ? `New Claude calls are paused until ${formatDay(shop.resetsOn, true)}, or until the budget is raised.`
        : "Claude calls continue: the budget is not a hard cap."
      : `At 100 % ${shop.hardCap ? "new Claude calls stop (the budget is a hard cap)" : "you get another warning"}.`;
  const link = adminBudgetUrl(shop.shop);
  const text = [
    `${shop.name}: ${reached} (${usd(alert.spentPicos)} spent by ${when}, ${shop.timeZone}).`,
    consequence,
    link ? `Review the budget: ${link}` : "Review the budget on the app's Budget page in Shopify admin.",
  ].join("\n");
  return { subject: `${reached} – ${shop.name}`, text };
}

/** Slack's incoming-webhook format (also what Discord's /slack endpoint, Mattermost and Teams' connectors read). */
export function slackPayload(message: AlertMessage) {
  return {
    text: message.text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: message.subject.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: message.text } },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sending

export class NotConfiguredError extends Error {
  override name = "NotConfiguredError";
}

export interface AlertSenders {
  email(to: string[], message: AlertMessage): Promise<void>;
  webhook(url: string, payload: unknown): Promise<void>;
}

type MailTransport = { sendMail(mail: Record<string, unknown>): Promise<unknown> };

/** nodemailer's SMTP transport for an SMTP URL, with bounded waits (nodemailer reads them from the URL's query). */
async function mailTransport(smtpUrl: string): Promise<MailTransport> {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [
    ["connectionTimeout", "10000"],
    ["greetingTimeout", "10000"],
    ["socketTimeout", "20000"],
  ] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, ms);
  }
  const { default: nodemailer } = await import("nodemailer");
  return nodemailer.createTransport(url.toString());
}

/** Refuses a webhook whose host now resolves to an internal address (checked at send time, not only when saved). */
async function assertPublicHost(url: URL, allowLoopback: boolean): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = await lookup(host, { all: true, verbatim: true });
  for (const { address } of addresses) {
    if (isPublicAddress(address) || (allowLoopback && isLoopbackAddress(address))) continue;
    throw new Error(`The webhook's host resolves to an internal address (${address}); nothing was sent.`);
  }
}

export interface SenderOptions {
  /** null: email is not set up, and email deliveries are recorded as skipped. */
  smtpUrl: string | null;
  from: string;
  /** Outside production only: plain http to the loopback interface (a local receiver in tests). */
  allowLoopback: boolean;
}

/** Email through SMTP and Slack-compatible JSON over HTTPS, as configured. */
export function createAlertSenders(options: SenderOptions): AlertSenders {
  let transport: Promise<MailTransport> | null = null;
  return {
    async email(to, message) {
      if (!options.smtpUrl) throw new NotConfiguredError("Email is not set up on this app (SMTP_URL).");
      transport ??= mailTransport(options.smtpUrl);
      await (await transport).sendMail({ from: options.from, to, subject: message.subject, text: message.text });
    },
    async webhook(target, payload) {
      const checked = checkWebhookUrl(target, { allowLoopback: options.allowLoopback });
      if (!checked.ok) throw new Error(checked.error);
      const url = new URL(checked.value);
      await assertPublicHost(url, options.allowLoopback);
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "claude-seo-usage budget alerts" },
        body: JSON.stringify(payload),
        // A redirect could lead anywhere (an internal address): it counts as a failure.
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`The webhook answered HTTP ${response.status}.`);
      }
    },
  };
}

let configured: AlertSenders | null = null;

/** The senders this process's configuration gives (SMTP_URL, ALERT_EMAIL_FROM). */
function defaultSenders(): AlertSenders {
  configured ??= createAlertSenders({
    smtpUrl: env.smtpUrl,
    from: env.alertEmailFrom,
    allowLoopback: env.nodeEnv !== "production",
  });
  return configured;
}

// ---------------------------------------------------------------------------------------------------------------
// The worker

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

async function shopContext(shop: string, now: Date) {
  const row = await prisma.shop.findUnique({
    where: { shop },
    select: { name: true, ianaTimezone: true, budgetHardCap: true },
  });
  const timeZone = row?.ianaTimezone ?? "UTC";
  return {
    shop,
    name: row?.name ?? shop,
    timeZone,
    hardCap: row?.budgetHardCap ?? false,
    resetsOn: addDays(monthOf(localDayOf(now, timeZone)).to, 1),
  };
}

async function send(delivery: BudgetAlertDelivery, senders: AlertSenders, now: Date): Promise<void> {
  const alert = await prisma.budgetAlert.findUnique({ where: { id: delivery.alertId } });
  if (!alert) throw new NotConfiguredError("The warning this delivery was for no longer exists.");
  const message = alertMessage(alert, await shopContext(delivery.shop, now));
  if (delivery.channel === "email") return senders.email(delivery.target.split(","), message);
  return senders.webhook(delivery.target, slackPayload(message));
}

/** Works through due deliveries once; returns how many it settled (sent, failed or skipped) or rescheduled. */
export async function deliverDueAlerts(
  options: { senders?: AlertSenders; now?: Date; owner?: string } = {},
): Promise<number> {
  const senders = options.senders ?? defaultSenders();
  const now = options.now ?? new Date();
  const owner = options.owner ?? OWNER;
  const due = await prisma.budgetAlertDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  let handled = 0;
  for (const delivery of due) {
    const claimed = await prisma.budgetAlertDelivery.updateMany({
      where: {
        id: delivery.id,
        status: "pending",
        OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
      },
      data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue; // another process has it
    const attempts = delivery.attempts + 1;
    const release = { leaseOwner: null, leaseExpiresAt: null, attempts };
    try {
      await send(delivery, senders, now);
      await prisma.budgetAlertDelivery.update({
        where: { id: delivery.id },
        data: { ...release, status: "sent", sentAt: now, lastError: null },
      });
    } catch (error) {
      const lastError = errorText(error);
      const skipped = error instanceof NotConfiguredError;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await prisma.budgetAlertDelivery.update({
        where: { id: delivery.id },
        data: {
          ...release,
          lastError,
          status: skipped ? "skipped" : gaveUp ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + backoffDelay(attempts, RETRY)),
        },
      });
    }
    handled += 1;
  }
  return handled;
}

const OWNER = `alerts-${randomUUID()}`;

/** Starts delivering budget warnings every POLL_MS; returns the stop function (waits for a pass in progress). */
export function startBudgetAlertDelivery(
  options: { senders?: AlertSenders; pollMs?: number } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = deliverDueAlerts({ senders: options.senders }).catch((error: unknown) => {
      console.error(`budget alerts: ${errorText(error)}`);
    });
  };
  const timer = setInterval(tick, options.pollMs ?? POLL_MS);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The budget page's view

/** Whether this app can send email (SMTP_URL is set): the budget page says so next to the addresses. */
export function emailIsSetUp(): boolean {
  return env.smtpUrl !== null;
}

/** The shop's latest deliveries, newest first, with times in its zone. */
export async function listAlertDeliveries(shop: string, timeZone: string, take = 30) {
  const rows = await prisma.budgetAlertDelivery.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const alerts = new Map(
    (
      await prisma.budgetAlert.findMany({
        where: { id: { in: rows.map((row) => row.alertId) } },
        select: { id: true, threshold: true, monthKey: true },
      })
    ).map((alert) => [alert.id, alert]),
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as AlertChannel,
    target: row.target.split(",").join(", "),
    threshold: alerts.get(row.alertId)?.threshold ?? null,
    monthKey: alerts.get(row.alertId)?.monthKey ?? null,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt ? describeLocalTime(row.sentAt, timeZone) : null,
    nextAttemptAt: row.status === "pending" ? describeLocalTime(row.nextAttemptAt, timeZone) : null,
  }));
}
export type AlertDeliveryJson = Awaited<ReturnType<typeof listAlertDeliveries>>[number];
