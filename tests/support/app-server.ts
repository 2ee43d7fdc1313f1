import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { projectRoot, templateDatabasePath, tmpDir } from "./paths";
import { createTestDatabase, onPostgresql, queryDatabase, type TestDatabase } from "./test-database";

/**
 * The production build (`npm run build`) in a child process, served as `npm start` serves it (`remix-serve`) or as
 * `npm run demo` serves it (the demo server, demo/server.ts, around the same build): NODE_ENV=production, its own
 * port, its own copy of the migrated template database (on the suite's database: SQLite or PostgreSQL).
 */

/**
 * A desktop Chrome User-Agent. shopify-app-remix answers 410 to anything `isbot` flags, which includes
 * Node's fetch ("node") and headless Chromium ("HeadlessChrome"), so tests present themselves as a browser.
 */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const serverBuild = path.join(projectRoot, "build/server/index.js");
const remixServeCli = path.join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js");
const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const demoServer = path.join(projectRoot, "demo/server.ts");
const READY_TIMEOUT_MS = 60_000;
// remix-serve closes its HTTP server on SIGTERM, which waits for keep-alive connections (up to ~5 s); tests do
// not need a graceful shutdown, so the group is killed if it is not gone by then.
const STOP_TIMEOUT_MS = 2_000;
const OUTPUT_LIMIT = 200_000;

export interface AppServerOptions {
  /**
   * Serve the build through the demo server with DEMO_MODE=1 (demo sign-in, the demo shop's Shopify and, unless
   * ANTHROPIC_API_KEY is given, its Claude) instead of remix-serve.
   */
  demoMode: boolean;
  /** Extra environment, applied last (e.g. SHOPIFY_API_KEY / SHOPIFY_API_SECRET for remix-serve). */
  env?: Record<string, string>;
  /**
   * Serve this migrated database (e.g. the test file's own, seeded through its Prisma client) instead of a fresh
   * copy of the template. The test owns it: stop() leaves it in place.
   */
  databaseUrl?: string;
  /**
   * Serve with `npm start` in this directory (a production install with its own node_modules and build/) instead
   * of the project's own remix-serve, on the same Node 22. Give it a migrated `databaseUrl`.
   */
  installDir?: string;
}

export interface AppServer {
  /** http://localhost:PORT, no trailing slash; also the server's SHOPIFY_APP_URL. */
  readonly url: string;
  readonly port: number;
  /** The database this server uses (its own copy unless `databaseUrl` was given). */
  readonly databaseUrl: string;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** The last lines of output, for assertion messages. */
  outputTail(characters?: number): string;
  /** Runs a read query against the server's database. */
  query<Row extends Record<string, unknown>>(sql: string, args?: Array<string | number | null>): Promise<Row[]>;
  /** Stops the server (its whole process group) and deletes its database. Safe to call twice. */
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL to its process group): no shutdown work runs. Its database is kept. */
  kill(): Promise<void>;
}

/**
 * The Shopify packages need Node 22+. Inside `npm test` the runner already is the Node 22 from the `node`
 * devDependency (node_modules/.bin comes first on PATH); if vitest was started by an older system Node,
 * use that binary directly.
 */
export function nodeBinary(): string {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= 22) return process.execPath;
  const bundled = path.join(projectRoot, "node_modules/node/bin/node");
  if (existsSync(bundled)) return bundled;
  throw new Error(`Node ${process.version} runs the tests and no Node 22 was found at ${bundled} (run npm ci).`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "localhost", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port"))));
    });
  });
}

/** Only what a shell would pass on; the app's own settings are given explicitly, never inherited from vitest. */
function baseEnvironment(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function serveCommand(options: AppServerOptions): { command: string; args: string[]; cwd: string } {
  if (options.installDir) return { command: "npm", args: ["start"], cwd: options.installDir };
  const args = options.demoMode ? [tsxCli, "--tsconfig", "tsconfig.json", demoServer] : [remixServeCli, serverBuild];
  return { command: nodeBinary(), args, cwd: projectRoot };
}

/** PATH for a production install: Node 22 first, and no project's node_modules/.bin (npm adds the install's own). */
export function installPath(): string {
  const rest = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => entry && !entry.includes("node_modules"));
  return [path.dirname(nodeBinary()), ...rest].join(path.delimiter);
}

async function launch(options: AppServerOptions, port: number): Promise<AppServer> {
  const url = `http://localhost:${port}`;
  const id = randomUUID();
  const owned: TestDatabase | null = options.databaseUrl === undefined ? await createTestDatabase("server") : null;
  const databaseUrl = options.databaseUrl ?? owned!.url;

  const journalDir = path.join(tmpDir, `server-journal-${id}`);
  const env: NodeJS.ProcessEnv = {
    ...baseEnvironment(),
    NODE_ENV: "production",
    ...(options.demoMode ? { DEMO_MODE: "1" } : {}),
    PORT: String(port),
    HOST: "localhost",
    SHOPIFY_APP_URL: url,
    DATABASE_URL: databaseUrl,
    USAGE_JOURNAL_DIR: journalDir,
    ...options.env,
  };

  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  const { command, args, cwd } = serveCommand(options);
  if (options.installDir) env.PATH = installPath();
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true, // its own process group, so stop() also ends anything it started
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If the test process dies without afterAll, do not leave the server behind.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  let stopped = false;
  const kill = async () => {
    stopped = true;
    killGroup(child, "SIGKILL");
    await exited;
    process.removeListener("exit", killOnExit);
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, "SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      killGroup(child, "SIGKILL");
      await exited;
    }
    process.removeListener("exit", killOnExit);
    await owned?.drop();
    rmSync(journalDir, { recursive: true, force: true });
  };

  const server: AppServer = {
    url,
    port,
    databaseUrl,
    output: () => output,
    outputTail: (characters = 4000) => output.slice(-characters),
    query: <Row extends Record<string, unknown>>(sql: string, args: Array<string | number | null> = []) =>
      queryDatabase<Row>(databaseUrl, sql, args),
    stop,
    kill,
  };

  // Ready once it answers any HTTP request (the demo server answers `/` with a redirect).
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const failure = (reason: string) =>
    new Error(
      `The app server (${options.installDir ? "npm start" : options.demoMode ? "demo server" : "remix-serve"}, ${url}) ${reason}.\n--- output ---\n${server.outputTail()}`,
    );
  for (;;) {
    const outcome = await Promise.race([
      fetch(`${url}/`, { redirect: "manual", headers: { "User-Agent": BROWSER_USER_AGENT } }).then(
        async (response) => {
          await response.body?.cancel();
          return "ready" as const;
        },
        () => "not yet" as const,
      ),
      exited.then(() => "exited" as const),
      spawnError.then((error) => error),
    ]);
    if (outcome === "ready") return server;
    if (outcome instanceof Error) {
      await stop();
      throw failure(`could not start: ${outcome.message}`);
    }
    if (outcome === "exited") {
      await stop();
      throw Object.assign(failure(`exited with code ${child.exitCode ?? child.signalCode}`), {
        addressInUse: output.includes("EADDRINUSE"),
      });
    }
    if (Date.now() > deadline) {
      await stop();
      throw failure(`did not answer within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await delay(100);
  }
}

/** Starts the built app on a free port and waits until it answers HTTP. Call `stop()` in afterAll. */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  if (!options.installDir && !existsSync(serverBuild)) {
    throw new Error(`No production build at ${serverBuild}: run \`npm run build\` first (npm test does).`);
  }
  if (options.databaseUrl === undefined && !onPostgresql && !existsSync(templateDatabasePath)) {
    throw new Error(`No template database at ${templateDatabasePath}: vitest's globalSetup creates it.`);
  }
  // Another process can take the probed port before the server binds it; try again on a new one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      const addressInUse = (error as { addressInUse?: boolean }).addressInUse === true;
      if (!addressInUse || attempt >= 3) throw error;
    }
  }
}
