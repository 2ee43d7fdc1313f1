import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  closeSync,
  fsyncSync,
  openSync,
  writeSync,
} from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { PendingCall } from "./pending-call";

/**
 * The tracker's disk journal: every call is appended here (one JSON line) before it is queued for the
 * database, and the file is emptied whenever everything in it has been written. If the process stops with
 * records unwritten (a database outage, a crash, a deploy), the next process claims the file and writes them;
 * the database skips ids it already has, so a record is never lost and never counted twice.
 */
const JOURNAL_SUFFIX = ".jsonl";

export class UsageJournal {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, `usage-${process.pid}-${Date.now()}-${randomUUID().slice(0, 8)}${JOURNAL_SUFFIX}`);
  }

  /**
   * Creates the folder and proves it takes a durable write (create, write, sync, remove), or throws a message that
   * says what to fix. Called when recording starts.
   */
  assertWritable(): void {
    const probe = path.join(this.dir, `.probe-${process.pid}-${randomUUID().slice(0, 8)}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      const fd = openSync(probe, "w");
      try {
        writeSync(fd, "probe\n");
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      rmSync(probe, { force: true });
    } catch (error) {
      throw new Error(
        `The usage journal folder ${path.resolve(this.dir)} cannot be written (${(error as Error).message}). ` +
          "Set USAGE_JOURNAL_DIR to a writable, persistent folder: without it Claude calls would go unrecorded.",
      );
    }
  }

  /**
   * The journal open for appending, between two clears: opening and closing the file on every call (what
   * `appendFileSync` does) were two of its three system calls on the tracked call's path (issue 13). It is reopened
   * by name after each clear, so a file renamed away meanwhile (claimed by a process that took this one for gone)
   * holds at most one batch's calls.
   */
  private descriptor: number | null = null;

  append(call: PendingCall): void {
    this.descriptor ??= openSync(this.file, "a");
    const line = Buffer.from(`${JSON.stringify(call)}\n`);
    for (let written = 0; written < line.length;) written += writeSync(this.descriptor, line, written);
  }

  /** Called only when every appended call has been written (so a failure here loses nothing: it is logged). */
  clear(): void {
    this.close();
    try {
      writeFileSync(this.file, "");
    } catch (error) {
      console.error(`usage journal: could not empty ${this.file} (${(error as Error).message})`);
    }
  }

  /** Lets go of the file (what it holds stays for the next process); the next append opens it again. */
  close(): void {
    if (this.descriptor === null) return;
    const descriptor = this.descriptor;
    this.descriptor = null;
    try {
      closeSync(descriptor);
    } catch (error) {
      console.error(`usage journal: could not close ${this.file} (${(error as Error).message})`);
    }
  }

  /**
   * Takes over journals left by processes that are gone and returns their calls. A journal is claimed by
   * renaming it, which only one process can do; claimed files are deleted once their calls are re-journaled here.
   */
  recoverOrphans(): PendingCall[] {
    const recovered: PendingCall[] = [];
    for (const name of readdirSync(this.dir)) {
      const full = path.join(this.dir, name);
      if (full === this.file || !isOrphan(name)) continue;
      const claimed = `${full}.claimed-${process.pid}-${randomUUID().slice(0, 8)}`;
      try {
        renameSync(full, claimed);
      } catch {
        continue; // another process claimed it first
      }
      const calls = parseJournal(readFileSync(claimed, "utf8"));
      for (const call of calls) this.append(call);
      rmSync(claimed, { force: true });
      recovered.push(...calls);
    }
    return recovered;
  }
}

function isOrphan(name: string): boolean {
  const claimed = /\.claimed-(\d+)-/.exec(name);
  if (claimed) return !isAlive(Number(claimed[1])); // a claimer that died before re-journaling
  const owner = /^usage-(\d+)-\d+-[0-9a-f]+\.jsonl$/.exec(name);
  if (!owner) return false;
  const pid = Number(owner[1]);
  // After a restart the new process may get the old pid (containers start at pid 1): a journal with our pid
  // that is not our own file is from an earlier life.
  return pid === process.pid || !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Parses journal lines; a line cut short by a crash mid-write is skipped (its call had not been queued yet). */
function parseJournal(text: string): PendingCall[] {
  const calls: PendingCall[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      calls.push(JSON.parse(line) as PendingCall);
    } catch {
      console.warn("usage journal: skipped an incomplete line");
    }
  }
  return calls;
}
