import prisma from "~/db.server";
import { listCatalogModels, priceCall, resolveModel } from "~/lib/pricing";
import { usd } from "~/lib/format";

/**
 * Which Claude model each kind of SEO task runs on, per shop. Meta tags and alt text are short, tightly specified
 * writing, so they default to the cheapest current model; audits weigh a whole listing, so they default to the
 * current mid-size model. Only models the pricing catalog can price are offered, so every run can be estimated.
 */
export const DEFAULT_AUDIT_MODEL = "claude-sonnet-5-5";
export const DEFAULT_FIX_MODEL = "claude-haiku-5-5";

export interface SeoSettingsValues {
  auditModel: string;
  fixModel: string;
}

export interface ModelChoice {
  id: string;
  label: string;
}

export class InvalidSeoSettingsError extends Error {
  override name = "InvalidSeoSettingsError";
}

/** The list price per million tokens, from a 1,000-token call (a million-token prompt would hit long-context tiers). */
function perMillion(model: string, kind: "input" | "output", now: Date): bigint | null {
  const usage = {
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
  };
  const cost = priceCall(model, { ...usage, [kind === "input" ? "inputTokens" : "outputTokens"]: 1_000 }, { at: now });
  return cost ? cost.totalPicos * 1_000n : null;
}

/** The models a merchant can choose: current and legacy (not retired) models with a price today, cheapest first. */
export function seoModelChoices(now: Date = new Date()): ModelChoice[] {
  return listCatalogModels()
    .filter((model) => model.status !== "retired")
    .flatMap((model) => {
      const input = perMillion(model.id, "input", now);
      const output = perMillion(model.id, "output", now);
      if (input === null || output === null) return [];
      const lifecycle = model.status === "legacy" ? ", legacy" : "";
      const label = `${model.displayName} (${usd(input)} in / ${usd(output)} out per million tokens${lifecycle})`;
      return [{ id: model.id, label, input }];
    })
    .sort((a, b) => (a.input === b.input ? a.id.localeCompare(b.id) : a.input < b.input ? -1 : 1))
    .map(({ id, label }) => ({ id, label }));
}

export async function getSeoSettings(shop: string): Promise<SeoSettingsValues> {
  const row = await prisma.seoSettings.findUnique({ where: { shop } });
  return { auditModel: row?.auditModel ?? DEFAULT_AUDIT_MODEL, fixModel: row?.fixModel ?? DEFAULT_FIX_MODEL };
}

export async function updateSeoSettings(shop: string, values: SeoSettingsValues): Promise<SeoSettingsValues> {
  const allowed = new Set(seoModelChoices().map((choice) => choice.id));
  for (const model of [values.auditModel, values.fixModel]) {
    const canonical = resolveModel(model)?.id;
    if (!canonical || !allowed.has(canonical))
      throw new InvalidSeoSettingsError(`${model} is not a model the app can price`);
  }
  const data = { auditModel: resolveModel(values.auditModel)!.id, fixModel: resolveModel(values.fixModel)!.id };
  await prisma.seoSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return data;
}

/** Moves one SEO setting to another model (a cost tip's action), keeping the other; says what changed. */
export async function switchSeoModel(
  shop: string,
  setting: "auditModel" | "fixModel",
  model: string,
): Promise<SeoSettingsValues & { message: string }> {
  const current = await getSeoSettings(shop);
  const updated = await updateSeoSettings(shop, { ...current, [setting]: model });
  const what = setting === "auditModel" ? "Audits" : "Meta tags and alt text";
  return { ...updated, message: `${what} now run on ${resolveModel(updated[setting])?.displayName ?? model}` };
}
