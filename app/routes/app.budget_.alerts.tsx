import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { claimBudgetAlerts, MAX_CLAIMED_ALERTS } from "~/lib/budget/index.server";
import { validationMessages } from "~/lib/validation";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

/**
 * POST /app/budget/alerts: a page that is about to toast budget crossings claims them first; only the request
 * that wins the claim gets the toast back, so two tabs or a reload show it once. Pages themselves only read.
 */
const claimForm = z.object({
  alertIds: z
    .string()
    .max(100)
    .regex(/^\d{1,12}(,\d{1,12})*$/, "alertIds must be a comma-separated list of alert ids")
    .transform((text) => text.split(",").map(Number))
    .refine((ids) => ids.length <= MAX_CLAIMED_ALERTS, "Too many alerts"),
});

export const action = async ({ request: received }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { session } = await authenticate.admin(request);
  const parsed = claimForm.safeParse(Object.fromEntries(await request.formData()), { error: validationMessages });
  if (!parsed.success) return json({ toast: null, error: parsed.error.issues[0]!.message }, { status: 400 });
  return json({ toast: await claimBudgetAlerts(session.shop, parsed.data.alertIds), error: null });
};
