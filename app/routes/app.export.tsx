import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { exportResponse } from "~/lib/export/index.server";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

/**
 * POST /app/export: the usage CSV (calls or daily summary) for the form's range and filters, streamed as an
 * attachment. Pages call it with `fetch` (App Bridge adds the session token), so no token ever sits in a URL.
 */
export const action = async ({ request: received }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { admin, session } = await authenticate.admin(request);
  if (request.method !== "POST")
    return json({ error: "Exports are made with POST." }, { status: 405, headers: { Allow: "POST" } });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json({ error: "Send the export's settings as form fields." }, { status: 400 });
  }
  return exportResponse(session.shop, form, { admin });
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({ error: "Exports are made with POST." }, { status: 405, headers: { Allow: "POST" } });
};
