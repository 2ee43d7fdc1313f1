import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BatchStore, StoreResult } from "./batch-store.server";
import type { PendingCall } from "./pending-call";

/**
 * The usage writer's own thread (decision 0020): on SQLite every statement runs synchronously on the thread that issues
 * it, so batches written on the web thread stalled whatever request or Claude call was in flight for the length of a
 * commit. The thread opens its own connection (the same libSQL build, so SQLite's file locks see each other) and runs
 * `storeBatch` there; each batch's result comes back to the recorder, which drops calls from its queue and journal only
 * once they are stored, exactly as when it writes them itself.
 *
 * If the thread dies (a crash, `terminate()`), the batches it held are reported as not stored: the recorder keeps them
 * and retries, the next batch starts a new thread, and calls the dead thread had committed are skipped as duplicates.
 */
export type WriterThreadMessage = { type: "store"; id: number; batch: readonly PendingCall[] } | { type: "close" };
export interface WriterThreadReply {
  id: number;
  result: StoreResult;
}

/** How long a closing thread may take to finish the batch it is writing before it is stopped. */
const CLOSE_GRACE_MS = 10_000;

const here = fileURLToPath(import.meta.url);

/**
 * What the thread runs. From the sources (tests, `vite dev`, tsx scripts) it is the .ts entry beside this module, run
 * through tsx with the project's tsconfig (for `~/`); in the production build it is the entry `npm run build` bundles
 * beside the server bundle (scripts/build-usage-writer.mjs).
 */
function threadEntry(): { file: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  if (!here.endsWith(".ts")) {
    return { file: path.join(path.dirname(here), "usage-writer-thread.js"), execArgv: [], env: process.env };
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const tsconfig = path.resolve(path.dirname(here), "..", "..", "..", "tsconfig.json");
  return {
    file: path.join(path.dirname(here), "writer-thread-entry.server.ts"),
    execArgv: ["--import", tsx],
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  };
}

interface RunningThread {
  worker: Worker;
  waiting: Map<number, { resolve: (result: StoreResult) => void; reject: (error: Error) => void }>;
  exited: Promise<void>;
}

export class WriterThreadStore implements BatchStore {
  private running: RunningThread | null = null;
  private nextId = 0;

  constructor(private readonly options: { journalDir: string }) {}

  /** The thread writing now, if one is running (tests end it to show that a crash loses nothing). */
  get worker(): Worker | null {
    return this.running?.worker ?? null;
  }

  store(batch: readonly PendingCall[]): Promise<StoreResult> {
    const thread = this.running ?? this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      // A batch in flight keeps the process alive (a script's last `drain()`); an idle thread does not.
      thread.worker.ref();
      thread.worker.postMessage({ type: "store", id, batch } satisfies WriterThreadMessage);
    });
  }

  /** Lets the thread finish the batch it is writing, then ends it (stopped after CLOSE_GRACE_MS regardless). */
  async close(): Promise<void> {
    const thread = this.running;
    if (!thread) return;
    this.running = null;
    thread.worker.postMessage({ type: "close" } satisfies WriterThreadMessage);
    const stuck = setTimeout(() => void thread.worker.terminate(), CLOSE_GRACE_MS);
    stuck.unref();
    await thread.exited;
    clearTimeout(stuck);
  }

  private start(): RunningThread {
    const { file, execArgv, env } = threadEntry();
    const worker = new Worker(file, { workerData: { journalDir: this.options.journalDir }, execArgv, env });
    worker.unref();
    const waiting: RunningThread["waiting"] = new Map();
    let failure: Error | null = null;
    worker.on("message", ({ id, result }: WriterThreadReply) => {
      waiting.get(id)?.resolve(result);
      waiting.delete(id);
      if (waiting.size === 0) worker.unref();
    });
    worker.on("error", (error) => {
      failure = error;
    });
    const exited = new Promise<void>((resolve) =>
      worker.once("exit", (code) => {
        if (this.running?.worker === worker) this.running = null;
        const reason = failure ? `: ${failure.message}` : "";
        for (const { reject } of waiting.values()) {
          reject(new Error(`the usage writer thread stopped (exit code ${code})${reason}`));
        }
        waiting.clear();
        resolve();
      }),
    );
    this.running = { worker, waiting, exited };
    return this.running;
  }
}
