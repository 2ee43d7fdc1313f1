/**
 * Downloads an export from inside Shopify admin's iframe: `fetch` the export action (App Bridge adds the session
 * token to the request, so no token ever appears in a URL that could be shared or logged), read the answer as a
 * blob, and click a hidden `<a download>` pointing at an object URL. A plain link or a new tab would carry no token.
 * (Blob downloads do not work in Shopify's mobile app.)
 */
export class ExportFailedError extends Error {
  override name = "ExportFailedError";
}

const EXPORT_ACTION_PATH = "/app/export";

function filenameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? null;
}

async function errorMessageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON: fall through to a generic message.
  }
  return `The export failed (HTTP ${response.status}). Try again in a moment.`;
}

/** Posts the fields to the export action and saves the CSV it answers with; returns the file's name. */
export async function downloadExport(fields: Record<string, string | undefined>): Promise<string> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) body.set(name, value);
  let response: Response;
  try {
    response = await fetch(EXPORT_ACTION_PATH, { method: "POST", body });
  } catch {
    throw new ExportFailedError("The export could not reach the app. Check your connection and try again.");
  }
  if (!response.ok) throw new ExportFailedError(await errorMessageOf(response));

  const filename = filenameOf(response.headers.get("Content-Disposition")) ?? "claude-usage.csv";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click starts the download before this runs; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}
