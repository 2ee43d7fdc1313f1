import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { nodeBinary } from "./app-server";
import { projectRoot, tmpDir } from "./paths";

/** `npm run worker` (scripts/worker.mjs) in a child process: the production build's background work, no pages. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Sends the signal and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const OUTPUT_LIMIT = 200_000;

/** Starts a worker on the test file's database; `env` (the Claude it talks to, say) is applied last. */
export function startWorkerProcess(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(nodeBinary(), [path.join(projectRoot, "scripts/worker.mjs")], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL,
      USAGE_JOURNAL_DIR: mkdtempSync(path.join(tmpDir, "worker-journal-")),
      SHOPIFY_API_KEY: "worker-test-key",
      SHOPIFY_API_SECRET: "worker-test-secret",
      SHOPIFY_APP_URL: "https://app.test.example",
      ANTHROPIC_API_KEY: "test-key",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      process.removeListener("exit", killOnExit);
      return code;
    },
  };
}
