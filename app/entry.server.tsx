import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { backgroundWorkFor, startBackgroundWork, stopBackgroundWork } from "./background.server";
import { env } from "./env.server";

// The usage writer, the SEO job runner and retention (app/background.server.ts), as this process's role says
// (PROCESS_ROLE: all, web or worker); a deploy's SIGTERM hands the SEO runs in flight to the next process at once.
startBackgroundWork(backgroundWorkFor(env.processRole));
process.once("SIGTERM", () => void stopBackgroundWork());

export const streamTimeout = 5000;

/** For `npm run worker` (scripts/worker.mjs), which loads this build to run the background work and waits for it. */
export { stopBackgroundWork };

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
