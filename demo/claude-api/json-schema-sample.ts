import { isRecord } from "./values";

/**
 * Builds a value that satisfies a JSON Schema, the way a model fills a tool's `input_schema`: every declared
 * property, plausible strings (chosen by property name, fitted to minLength/maxLength), numbers within
 * minimum/maximum/exclusive bounds and multipleOf, arrays within minItems/maxItems, `enum`/`const`, `$ref` to
 * local definitions, `allOf` (merged), `anyOf`/`oneOf` (first non-null option) and common string `format`s.
 * Not supported: `pattern` (except that handle/slug-named strings come out as lowercase-dash slugs),
 * `patternProperties`, `dependencies`, `if/then/else`, `not`, `contains`.
 */

export interface SampleOptions {
  /** The product-ish noun phrase strings are written about. */
  subject?: string;
}

interface Context {
  root: unknown;
  subject: string;
  name: string;
  index: number;
  depth: number;
}

const MAX_DEPTH = 12;

export function sampleFromJsonSchema(schema: unknown, options: SampleOptions = {}): unknown {
  return sample(schema, {
    root: schema,
    subject: options.subject ?? "Organic Cotton Tee",
    name: "",
    index: 0,
    depth: 0,
  });
}

function sample(schemaInput: unknown, context: Context): unknown {
  if (context.depth > MAX_DEPTH) return null;
  const schema = resolve(schemaInput, context.root);
  if (schema === true || !isRecord(schema)) return sampleString({}, context);
  const next = (sub: unknown, name: string, index = 0) =>
    sample(sub, { ...context, name, index, depth: context.depth + 1 });

  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const options = schema.enum.filter((value) => value !== null);
    const pool = options.length > 0 ? options : schema.enum;
    return pool[context.index % pool.length];
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return sample(mergeAllOf(schema, context.root), { ...context, depth: context.depth + 1 });
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const chosen = options.find((option) => resolvedType(resolve(option, context.root)) !== "null") ?? options[0];
      return sample(chosen, { ...context, depth: context.depth + 1 });
    }
  }

  switch (resolvedType(schema)) {
    case "object": {
      const result: Record<string, unknown> = {};
      const properties = isRecord(schema.properties) ? schema.properties : {};
      for (const [key, sub] of Object.entries(properties)) {
        if (sub === false) continue;
        result[key] = next(sub, key);
      }
      if (Array.isArray(schema.required)) {
        for (const key of schema.required) {
          if (typeof key === "string" && !(key in result)) result[key] = next({ type: "string" }, key);
        }
      }
      return result;
    }
    case "array":
      return sampleArray(schema, context, next);
    case "integer":
    case "number":
      return sampleNumber(schema, resolvedType(schema) === "integer", context);
    case "boolean":
      return context.index % 2 === 0;
    case "null":
      return null;
    default:
      return sampleString(schema, context);
  }
}

function resolve(schema: unknown, root: unknown, seen = 0): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== "string" || seen > 32) return schema;
  const ref = schema.$ref;
  if (!ref.startsWith("#")) return {};
  let target: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    target = isRecord(target) ? target[part] : Array.isArray(target) ? target[Number(part)] : undefined;
  }
  const { $ref: _ref, ...siblings } = schema;
  const resolved = resolve(target, root, seen + 1);
  return isRecord(resolved) ? { ...resolved, ...siblings } : resolved;
}

function resolvedType(schema: unknown): string {
  if (!isRecord(schema)) return "string";
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const first = type.find((entry) => entry !== "null") ?? type[0];
    return typeof first === "string" ? first : "string";
  }
  if (isRecord(schema.properties) || Array.isArray(schema.required)) return "object";
  if ("items" in schema || "prefixItems" in schema || "minItems" in schema) return "array";
  if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"].some((key) => key in schema)) {
    return "number";
  }
  return "string";
}

function mergeAllOf(schema: Record<string, unknown>, root: unknown): Record<string, unknown> {
  const { allOf, ...base } = schema;
  const merged: Record<string, unknown> = { ...base };
  for (const part of Array.isArray(allOf) ? allOf : []) {
    const resolved = resolve(part, root);
    if (!isRecord(resolved)) continue;
    const properties = {
      ...(isRecord(merged.properties) ? merged.properties : {}),
      ...(isRecord(resolved.properties) ? resolved.properties : {}),
    };
    const required = [
      ...(Array.isArray(merged.required) ? merged.required : []),
      ...(Array.isArray(resolved.required) ? resolved.required : []),
    ];
    Object.assign(merged, resolved, { properties, required });
    for (const key of ["minimum", "minLength", "minItems"] as const) {
      if (typeof base[key] === "number" && typeof resolved[key] === "number")
        merged[key] = Math.max(base[key], resolved[key]);
    }
    for (const key of ["maximum", "maxLength", "maxItems"] as const) {
      if (typeof base[key] === "number" && typeof resolved[key] === "number")
        merged[key] = Math.min(base[key], resolved[key]);
    }
  }
  if (Object.keys(merged.properties as object).length === 0) delete merged.properties;
  if ((merged.required as unknown[]).length === 0) delete merged.required;
  return merged;
}

function sampleArray(
  schema: Record<string, unknown>,
  context: Context,
  next: (sub: unknown, name: string, index?: number) => unknown,
): unknown[] {
  const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  const tuple = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const count = Math.min(Math.max(tuple.length > 0 ? tuple.length : 2, minItems), maxItems);
  const itemName = singular(context.name);
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const sub = index < tuple.length ? tuple[index] : rest === undefined || rest === true ? {} : rest;
    if (sub === false) break;
    items.push(next(sub, itemName, index));
  }
  return items;
}

function singular(name: string): string {
  if (/ies$/i.test(name)) return name.replace(/ies$/i, "y");
  if (/(ss|us)$/i.test(name)) return name;
  return name.replace(/s$/i, "");
}

function sampleNumber(schema: Record<string, unknown>, integer: boolean, context: Context): number {
  const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  let low = num("minimum");
  let high = num("maximum");
  let lowExclusive = schema.exclusiveMinimum === true;
  let highExclusive = schema.exclusiveMaximum === true;
  const exclusiveMinimum = num("exclusiveMinimum");
  const exclusiveMaximum = num("exclusiveMaximum");
  if (exclusiveMinimum !== undefined && (low === undefined || exclusiveMinimum >= low)) {
    low = exclusiveMinimum;
    lowExclusive = true;
  }
  if (exclusiveMaximum !== undefined && (high === undefined || exclusiveMaximum <= high)) {
    high = exclusiveMaximum;
    highExclusive = true;
  }
  if (integer) {
    if (low !== undefined) low = lowExclusive ? Math.floor(low) + 1 : Math.ceil(low);
    if (high !== undefined) high = highExclusive ? Math.ceil(high) - 1 : Math.floor(high);
    lowExclusive = highExclusive = false;
  }

  let value: number;
  if (low !== undefined && high !== undefined) value = (low + high) / 2;
  else if (low !== undefined) value = lowExclusive ? low + 1 : low + (integer ? 0 : 0.5);
  else if (high !== undefined) value = Math.min(highExclusive ? high - 1 : high, defaultNumber(context.name, integer));
  else value = defaultNumber(context.name, integer);
  if (integer) value = low !== undefined && high !== undefined ? Math.floor(value) : Math.round(value);

  const multipleOf = num("multipleOf");
  if (multipleOf !== undefined && multipleOf > 0) {
    let stepped = Math.ceil(value / multipleOf) * multipleOf;
    if (high !== undefined && (stepped > high || (highExclusive && stepped >= high))) stepped -= multipleOf;
    value = Number(stepped.toFixed(10));
  }
  return value;
}

function defaultNumber(name: string, integer: boolean): number {
  if (/score|rating|confidence|percent/i.test(name)) return integer ? 82 : 0.82;
  if (/price|cost|amount/i.test(name)) return integer ? 25 : 24.99;
  if (/count|quantity|number|total|limit/i.test(name)) return 3;
  return integer ? 3 : 1.5;
}

const FORMATS: Record<string, string> = {
  "date-time": "2025-06-01T09:30:00Z",
  date: "2025-06-01",
  time: "09:30:00Z",
  duration: "P1D",
  email: "hello@example.com",
  "idn-email": "hello@example.com",
  hostname: "shop.example.com",
  "idn-hostname": "shop.example.com",
  ipv4: "192.0.2.10",
  ipv6: "2001:db8::10",
  uri: "https://shop.example.com/products/organic-cotton-tee",
  "uri-reference": "/products/organic-cotton-tee",
  iri: "https://shop.example.com/products/organic-cotton-tee",
  url: "https://shop.example.com/products/organic-cotton-tee",
  uuid: "3f2b6c1e-8a4d-4b7e-9c2a-1d5e7f8a9b0c",
};

function sampleString(schema: Record<string, unknown>, context: Context): string {
  if (typeof schema.format === "string" && FORMATS[schema.format]) return FORMATS[schema.format] as string;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const text = phraseFor(context.name, context.subject, context.index);
  return fitLength(text, minLength, maxLength, /handle|slug/i.test(context.name) ? "-" : " ");
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function phraseFor(name: string, subject: string, index: number): string {
  const n = name.toLowerCase();
  const lower = subject.toLowerCase();
  const variant = index > 0 ? ` ${index + 1}` : "";
  if (/handle|slug/.test(n)) return slug(`${subject}${variant}`);
  if (/url|link|href/.test(n))
    return `https://shop.example.com/products/${slug(subject)}${index > 0 ? `-${index + 1}` : ""}`;
  if (/lang|locale/.test(n)) return "en";
  if (/meta|description|summary|excerpt|snippet/.test(n)) {
    return `Shop the ${lower}${variant}: soft, breathable and made to last. Free shipping on orders over $50 and easy 30-day returns. Find your new favorite today.`;
  }
  if (/alt/.test(n)) return `${subject}${variant} shown on a light background, front view`;
  if (/title|heading|headline|h1/.test(n)) return `${subject}${variant} | Soft, Breathable Everyday Essential`;
  if (/keyword|tag|term|query/.test(n)) {
    const keywords = [
      `${lower}`,
      `buy ${lower} online`,
      `best ${lower}`,
      `${lower} sale`,
      `${lower} for men`,
      `${lower} for women`,
    ];
    return keywords[index % keywords.length] as string;
  }
  if (/reason|rationale|explanation|justification|why|note|comment/.test(n)) {
    return "Leads with the primary keyword, states the main benefit and stays within the recommended length.";
  }
  if (/name/.test(n)) return `${subject}${variant}`;
  if (/body|html|content|copy|text/.test(n)) {
    return `<p>Meet the ${lower}${variant}, designed for everyday comfort. Made from carefully sourced materials, it keeps its shape wash after wash.</p>`;
  }
  const label = n.replace(/[_-]+/g, " ").trim();
  return label ? `Suggested ${label}${variant} for the ${lower}` : `Suggested copy for the ${lower}${variant}`;
}

const FILLER = ["with", "free", "shipping", "and", "easy", "returns", "on", "every", "order", "today"];

function fitLength(text: string, minLength: number, maxLength: number | undefined, separator: string): string {
  let result = text;
  let filler = 0;
  while (result.length < minLength) result += `${separator}${FILLER[filler++ % FILLER.length]}`;
  if (maxLength !== undefined && result.length > maxLength) {
    const cut = result.slice(0, maxLength);
    const boundary = cut.lastIndexOf(separator);
    result = boundary >= Math.max(minLength, 1) ? cut.slice(0, boundary) : cut;
    result = result.replace(/[\s|,:;–-]+$/u, "");
    if (result.length < minLength) result = cut;
  }
  return result;
}
