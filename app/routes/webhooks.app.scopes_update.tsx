import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateWebhook } from "~/shopify.server";
import prisma from "~/db.server";

/** The scopes Shopify granted: a bounded list of scope names (anything else changes nothing). */
const scopesPayload = z.object({
  current: z
    .array(
      z
        .string()
        .max(100)
        .regex(/^[a-z_]+$/),
    )
    .max(100),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await authenticateWebhook(request);
  const parsed = scopesPayload.safeParse(payload);
  if (session && parsed.success) {
    await prisma.session.update({ where: { id: session.id }, data: { scope: parsed.data.current.join(",") } });
  }
  return new Response();
};
