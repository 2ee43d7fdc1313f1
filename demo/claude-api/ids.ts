/** Identifiers shaped like the real API's: `req_011C…`, `msg_01…`, `toolu_01…`, `srvtoolu_01…`. */

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomToken(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let token = "";
  for (const byte of bytes) token += BASE62[byte % BASE62.length];
  return token;
}

export const newRequestId = (): string => `req_011C${randomToken(20)}`;
export const newMessageId = (): string => `msg_01${randomToken(22)}`;
export const newToolUseId = (): string => `toolu_01${randomToken(22)}`;
export const newServerToolUseId = (): string => `srvtoolu_01${randomToken(22)}`;
/** An opaque value shaped like a thinking block's signature. */
export const newThinkingSignature = (): string => `Eq${randomToken(86)}==`;
