/**
 * One more web process for the cross-process budget test (tests/budget/budget-reservations.test.ts): the app's own
 * tracker on DATABASE_URL's database, sending RACE_CALLS concurrent calls for RACE_SHOP to the Claude stand-in at
 * CLAUDE_BASE_URL. It prints "ready" once loaded, starts on any line on stdin (so two processes start together), then
 * prints one JSON line: how many calls were answered, how many refused by the budget, and any other error.
 */
import { createInterface } from "node:readline";
import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { BudgetExceededError } from "~/lib/budget/index.server";
import { createMessageWithTracking, getUsageRecorder } from "~/lib/usage/index.server";

const anthropic = new Anthropic({ apiKey: "test-key", baseURL: process.env.CLAUDE_BASE_URL, maxRetries: 0 });
const shop = process.env.RACE_SHOP!;
const calls = Number(process.env.RACE_CALLS);
const params = JSON.parse(process.env.RACE_PARAMS!) as MessageCreateParamsNonStreaming;
const recorder = getUsageRecorder();
recorder.start();

const lines = createInterface({ input: process.stdin });
console.log("ready");
await new Promise((resolve) => lines.once("line", resolve));
lines.close();

const outcomes = await Promise.allSettled(
  Array.from({ length: calls }, () =>
    createMessageWithTracking(anthropic, params, { shop, userId: "automation", endpoint: "race" }),
  ),
);
await recorder.drain();
recorder.stop();
const refused = outcomes.filter(
  (outcome) => outcome.status === "rejected" && outcome.reason instanceof BudgetExceededError,
);
const other = outcomes.flatMap((outcome) =>
  outcome.status === "rejected" && !(outcome.reason instanceof BudgetExceededError) ? [String(outcome.reason)] : [],
);
console.log(
  JSON.stringify({ answered: outcomes.filter((o) => o.status === "fulfilled").length, refused: refused.length, other }),
);
process.exit(0);
