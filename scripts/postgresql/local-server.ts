import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

/**
 * A private PostgreSQL server in a scratch folder, started and stopped by whoever needs one (the test suite, the
 * benchmark): `initdb` into `dir`, `pg_ctl start` on a free loopback port with its socket in `dir`, trust auth for the
 * `postgres` role. Nothing outside `dir` is touched, so it never meets the machine's own cluster or another run's.
 * As root (CI), the server runs as the `postgres` user, which owns `dir`; otherwise as the current user.
 *
 * Settings are for throwaway data: no fsync and no synchronous commit (a crash of the machine loses the cluster, which
 * is deleted anyway). `durable: true` keeps PostgreSQL's defaults, for figures that must mean what production means.
 */
export interface LocalPostgresql {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  readonly adminUrl: string;
  readonly port: number;
  /** A URL for another database on this server. */
  urlFor(database: string): string;
  /** Stops the server (fast shutdown) and deletes its folder. */
  stop(): void;
}

export interface LocalPostgresqlOptions {
  durable?: boolean;
  maxConnections?: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
}

/** The newest installed PostgreSQL's bin folder (Debian keeps them in /usr/lib/postgresql/<version>/bin). */
export function postgresqlBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], "bin");
  const onPath = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (onPath.status === 0 && existsSync(path.join(onPath.stdout.trim(), "initdb"))) return onPath.stdout.trim();
  throw new Error(
    "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or from pg_config): apt-get install -y postgresql",
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port"))));
    });
  });
}

const asRoot = () => userInfo().uid === 0;

/** Runs a PostgreSQL program, as `postgres` when we are root (initdb and the server refuse to run as root). */
function runAsOwner(binary: string, args: string[]): void {
  const [command, commandArgs] = asRoot() ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

function chownTree(dir: string): void {
  if (!asRoot()) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(dir, uid, gid);
}

export async function startLocalPostgresql(
  dir: string,
  options: LocalPostgresqlOptions = {},
): Promise<LocalPostgresql> {
  const bin = postgresqlBinDir();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chownTree(dir);
  const data = path.join(dir, "data");
  runAsOwner(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const settings: Record<string, string | number> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: dir,
    max_connections: options.maxConnections ?? 300,
    ...(options.durable ? {} : { fsync: "off", synchronous_commit: "off", full_page_writes: "off" }),
    ...options.settings,
  };
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const flags = [`-p ${port}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(" ");
    try {
      runAsOwner(path.join(bin, "pg_ctl"), [
        "-D",
        data,
        "-o",
        flags,
        "-l",
        path.join(dir, "server.log"),
        "-w",
        "start",
      ]);
    } catch (error) {
      // Another process took the probed port first: try another.
      if (attempt < 3) continue;
      throw error;
    }
    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        runAsOwner(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    return { adminUrl, port, urlFor: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`, stop };
  }
}
