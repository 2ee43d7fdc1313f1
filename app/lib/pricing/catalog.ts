import { CATALOG_MODELS } from "./catalog-data";
import type { CatalogModel, PricePeriod } from "./types";

/** Model ids are matched exactly, ignoring case and surrounding spaces, never by prefix. */
export function normalizeModelName(model: string): string {
  return model.trim().toLowerCase();
}

const modelsByName: ReadonlyMap<string, CatalogModel> = new Map(
  CATALOG_MODELS.flatMap((model) =>
    [model.id, ...model.aliases].map((name) => [normalizeModelName(name), model] as const),
  ),
);

export function resolveModel(modelIdOrAlias: string): CatalogModel | undefined {
  return modelsByName.get(normalizeModelName(modelIdOrAlias));
}

export function listCatalogModels(): readonly CatalogModel[] {
  return CATALOG_MODELS;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch at which a period starts, or NaN when the text is not a date.
 * A bare date means 00:00 UTC; a timestamp must carry its zone so it never depends on the server.
 */
export function effectiveFromMillis(effectiveFrom: string): number {
  if (DATE_ONLY.test(effectiveFrom)) {
    const millis = Date.parse(`${effectiveFrom}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over into March; a price date that does not exist is a typo.
    const real = !Number.isNaN(millis) && new Date(millis).toISOString().startsWith(effectiveFrom);
    return real ? millis : NaN;
  }
  return TIMESTAMP_WITH_ZONE.test(effectiveFrom) ? Date.parse(effectiveFrom) : NaN;
}

/**
 * The catalog period in force at `at`: the latest one that had started by then. A call dated
 * before a model's first listed price takes that first price, since the catalog knows no older one.
 */
export function catalogPeriodAt<P extends PricePeriod>(periods: readonly P[], at: Date): P | undefined {
  const atMillis = at.getTime();
  let current: P | undefined = periods[0];
  for (const candidate of periods) {
    if (effectiveFromMillis(candidate.effectiveFrom) <= atMillis) current = candidate;
  }
  return current;
}
