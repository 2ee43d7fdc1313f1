import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import type { JobView } from "~/lib/seo";

const POLL_MS = 2_000;

/** The recent runs, refreshed from /app/seo/runs every two seconds while one of them is running. */
export function useRunsPolling(initial: JobView[]): JobView[] {
  const fetcher = useFetcher<{ jobs: JobView[] }>();
  const jobs = fetcher.data?.jobs ?? initial;
  const active = jobs.some((job) => job.status === "running");
  const { load } = fetcher;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") load("/app/seo/runs");
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);
  return jobs;
}
