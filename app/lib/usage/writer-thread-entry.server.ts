import { parentPort, workerData } from "node:worker_threads";
import prisma from "~/db.server";
import { storeBatch, type StoreResult } from "./batch-store.server";
import type { WriterThreadMessage, WriterThreadReply } from "./writer-thread.server";

/**
 * The usage writer thread's entry (started by writer-thread.server.ts): `~/db.server` gives this thread its own
 * connection; batches are written one after another, in the order they came, and each result is sent back.
 */
const { journalDir } = workerData as { journalDir: string };
const port = parentPort!;
let previous: Promise<void> = Promise.resolve();

port.on("message", (message: WriterThreadMessage) => {
  previous = previous.then(async () => {
    if (message.type === "close") {
      await prisma.$disconnect();
      port.close();
      return;
    }
    const result: StoreResult = await storeBatch(prisma, message.batch, journalDir).catch((error: unknown) => ({
      stored: false as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
    port.postMessage({ id: message.id, result } satisfies WriterThreadReply);
  });
});
