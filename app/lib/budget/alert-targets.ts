import { isIP } from "node:net";

/**
 * Where budget warnings may go, checked when the merchant saves them and again before each delivery. Both are
 * merchant input that the app's server will contact, so:
 * - email: at most MAX_ALERT_EMAILS addresses, each a plain address of at most 254 characters;
 * - webhook: at most 2,048 characters, https only, no user name or password in it, and not an internal address:
 *   no IP literal or resolved address in loopback, private, link-local, carrier-grade NAT, multicast or unspecified
 *   ranges, no `localhost`, `.local` or `.internal` host. Outside production (development and tests) plain http to
 *   the loopback interface is allowed too, so tests can run a receiver on 127.0.0.1; nothing else internal is.
 */
export const MAX_ALERT_EMAILS = 5;
const MAX_EMAIL_LENGTH = 254;
export const MAX_WEBHOOK_URL_LENGTH = 2_048;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// A plain address: local part and a dotted domain, no spaces, quotes, angle brackets or commas.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** "a@b.com, c@d.com" (commas, semicolons, spaces or new lines between) → the addresses, or why not. */
export function checkAlertEmails(text: string): Checked<string[]> {
  const addresses = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((address) => address.toLowerCase()),
    ),
  ];
  if (addresses.length > MAX_ALERT_EMAILS) {
    return { ok: false, error: `Enter at most ${MAX_ALERT_EMAILS} email addresses.` };
  }
  for (const address of addresses) {
    if (address.length > MAX_EMAIL_LENGTH || !EMAIL.test(address)) {
      return { ok: false, error: `"${address.slice(0, 60)}" is not an email address.` };
    }
  }
  return { ok: true, value: addresses };
}

function ipv4Parts(address: string): number[] {
  return address.split(".").map(Number);
}

/** Loopback addresses (127.0.0.0/8, ::1): the only internal ones allowed, and only outside production. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(bare) === 4) return ipv4Parts(bare)[0] === 127;
  if (bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4) return isLoopbackAddress(bare.slice(7));
  return bare === "::1";
}

/** True for an address on the public internet (not loopback, private, link-local, CGNAT, multicast, reserved). */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(bare) === 4) {
    const [a, b] = ipv4Parts(bare) as [number, number];
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    if (a === 192 && b === 0) return false;
    if (a === 198 && (b === 18 || b === 19)) return false;
    return true;
  }
  if (isIP(bare) === 6) {
    if (bare === "::" || bare === "::1") return false;
    if (bare.startsWith("::ffff:")) return isPublicAddress(bare.slice(7));
    const first = parseInt(bare.split(":")[0] || "0", 16);
    if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
    if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
    if ((first & 0xff00) === 0xff00) return false; // multicast
    return true;
  }
  return false;
}

const INTERNAL_HOSTS = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** A webhook URL the app may post to, normalized, or why not. `allowLoopback` outside production only. */
export function checkWebhookUrl(text: string, { allowLoopback }: { allowLoopback: boolean }): Checked<string> {
  const trimmed = text.trim();
  if (trimmed.length > MAX_WEBHOOK_URL_LENGTH) {
    return {
      ok: false,
      error: `The webhook URL can be at most ${MAX_WEBHOOK_URL_LENGTH.toLocaleString("en-US")} characters.`,
    };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: "Enter the webhook's full URL, starting with https://." };
  }
  if (url.username || url.password)
    return { ok: false, error: "The webhook URL can't include a user name or password." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || isLoopbackAddress(host);
  if (allowLoopback && loopback && (url.protocol === "http:" || url.protocol === "https:")) {
    return { ok: true, value: url.toString() };
  }
  if (url.protocol !== "https:") return { ok: false, error: "The webhook URL must start with https://." };
  if (INTERNAL_HOSTS.test(host) || (isIP(host) !== 0 && !isPublicAddress(host))) {
    return { ok: false, error: "The webhook URL must be an address on the internet, not an internal one." };
  }
  if (!host.includes(".") && isIP(host) === 0) {
    return { ok: false, error: "The webhook URL must be an address on the internet, not an internal one." };
  }
  return { ok: true, value: url.toString() };
}
