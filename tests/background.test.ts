import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { startBackgroundWork, stopBackgroundWork } from "~/background.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { callParams, createShop } from "./support/usage-fixtures";

const SHOP = "background-shop.myshopify.com";

describe("background work is started and stopped by one module", () => {
  test("tracked calls are kept while the writer is stopped and written once background work starts", async () => {
    await createShop(SHOP);
    const recorder = getUsageRecorder();
    // The test setup starts the writer as the server does; stop it to see a process before its background starts.
    recorder.stop();

    const { id } = await trackAPIUsage(callParams(SHOP));
    expect(recorder.pendingCount).toBe(1);
    await expect(recorder.drain()).rejects.toThrow("not started");

    startBackgroundWork({ seoJobs: false, retention: false });
    try {
      await recorder.drain();
      expect(await prisma.aPIUsageLog.findUnique({ where: { id }, select: { shop: true } })).toEqual({ shop: SHOP });
      expect(recorder.pendingCount).toBe(0);
    } finally {
      await stopBackgroundWork();
    }

    // Stopped again: a new call is kept (journaled and queued), not lost, and not written.
    await trackAPIUsage(callParams(SHOP));
    expect(recorder.pendingCount).toBe(1);
    recorder.start();
    await recorder.drain();
    expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(2);
  });
});
