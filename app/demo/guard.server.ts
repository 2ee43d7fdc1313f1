import { env } from "~/env.server";

/** Demo routes exist in every build but answer only in demo mode; anywhere else they are a plain 404. */
export function requireDemoMode(): void {
  if (!env.demoMode) throw new Response("Not Found", { status: 404 });
}
