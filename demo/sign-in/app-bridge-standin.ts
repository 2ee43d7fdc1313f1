/**
 * A local stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js), used by the
 * demo, which runs outside Shopify admin (the demo server serves it and points the app's APP_BRIDGE_URL at it),
 * and by browser tests, which route the CDN URL to it.
 * It does what this app relies on App Bridge for: `window.shopify.idToken()`, adding the session token to
 * same-origin fetches, toasts, and the navigation menu (shown as a bar above the page, where the admin's
 * sidebar would be). Tokens come from `tokenUrl`, a route of the demo server.
 */
export function appBridgeStandInScript(tokenUrl: string, options: { mailboxUrl?: string | null } = {}): string {
  return `(() => {
  const mailboxUrl = ${JSON.stringify(options.mailboxUrl ?? null)};
  const script = document.currentScript;
  const apiKey = script ? script.getAttribute("data-api-key") : null;
  const params = new URLSearchParams(location.search);
  const originalFetch = window.fetch.bind(window);
  let cached = null;

  async function idToken() {
    if (cached && cached.expiresAt - 10 > Date.now() / 1000) return cached.token;
    const response = await originalFetch(${JSON.stringify(tokenUrl)}, { credentials: "same-origin" });
    if (!response.ok) throw new Error("No session token: " + response.status);
    cached = await response.json();
    return cached.token;
  }

  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url, location.href);
    if (url.origin !== location.origin || url.pathname === ${JSON.stringify(tokenUrl)}) return originalFetch(request);
    const headers = new Headers(request.headers);
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return originalFetch(new Request(request, { headers }));
  };

  const style = document.createElement("style");
  style.textContent = [
    "ui-nav-menu{display:flex;gap:4px;padding:8px 16px;background:#1a1a1a;position:sticky;top:0;z-index:500}",
    "ui-nav-menu a{color:#e3e3e3;text-decoration:none;font:500 13px/20px system-ui,sans-serif;padding:4px 10px;border-radius:8px}",
    "ui-nav-menu a:hover,ui-nav-menu a:focus-visible{background:#303030;color:#fff;outline:2px solid #fff}",
    "ui-nav-menu a[aria-current=page]{background:#303030;color:#fff}",
    "ui-title-bar{display:none}",
    "ui-nav-menu{flex-wrap:wrap}",
    "#demo-toasts{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;z-index:1000}",
    "#demo-toasts div{background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:10px;font:500 14px system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.3)}",
    "#demo-toasts div[data-error]{background:#8e1f0b}",
  ].join("\\n");
  document.head.appendChild(style);

  function toastContainer() {
    let container = document.getElementById("demo-toasts");
    if (!container) {
      container = document.createElement("div");
      container.id = "demo-toasts";
      container.setAttribute("role", "status");
      container.setAttribute("aria-live", "polite");
      document.body.appendChild(container);
    }
    return container;
  }
  const toasts = new Map();
  let nextToastId = 1;
  const toast = {
    show(message, options) {
      const id = "toast-" + nextToastId++;
      const element = document.createElement("div");
      element.textContent = message;
      if (options && options.isError) element.setAttribute("data-error", "");
      toastContainer().appendChild(element);
      toasts.set(id, element);
      setTimeout(() => toast.hide(id), (options && options.duration) || 5000);
      return id;
    },
    hide(id) {
      const element = toasts.get(id);
      if (element) element.remove();
      toasts.delete(id);
    },
  };

  function markCurrentNavLink() {
    document.querySelectorAll("ui-nav-menu a").forEach((link) => {
      const href = link.getAttribute("href");
      const path = location.pathname.replace(/\\/$/, "");
      const current = href === path || (href !== "/app" && path.startsWith(href || "--"));
      if (current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }
  // Shopify admin opens \`shopify://admin/…\` links (a product's page, say) in the admin; the demo has no admin around
  // it, so it says where the link leads instead.
  document.addEventListener("click", (event) => {
    const adminLink = event.target instanceof Element ? event.target.closest('a[href^="shopify://admin/"]') : null;
    if (!adminLink) return;
    event.preventDefault();
    const where = adminLink.getAttribute("href").slice("shopify://admin/".length);
    toast.show("In Shopify admin this opens " + where + " (the demo has no Shopify admin around it)");
  }, true);
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("ui-nav-menu a:not(#demo-mailbox)") : null;
    if (!link) return;
    event.preventDefault();
    link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
  });
  // The demo's mailbox (what the app emailed), at the end of the navigation bar. React renders the menu's links and
  // hydrates them, so the mailbox link lives in the menu's shadow root (after a slot for React's links), never among
  // the nodes React owns: an extra child there fails hydration.
  function addMailboxLink() {
    const menu = document.querySelector("ui-nav-menu");
    if (!mailboxUrl || !menu || menu.shadowRoot) return;
    const shadow = menu.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent =
      "#demo-mailbox{margin-left:auto;color:#b5b5b5;font:500 13px/20px system-ui,sans-serif;padding:4px 10px;border-radius:8px;text-decoration:none}" +
      "#demo-mailbox:hover,#demo-mailbox:focus-visible{background:#303030;color:#fff;outline:2px solid #fff}";
    const link = document.createElement("a");
    link.id = "demo-mailbox";
    link.href = mailboxUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Demo mailbox";
    shadow.append(style, document.createElement("slot"), link);
  }
  new MutationObserver(() => {
    markCurrentNavLink();
    addMailboxLink();
  }).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("popstate", markCurrentNavLink);
  const pushState = history.pushState.bind(history);
  history.pushState = (...args) => { pushState(...args); markCurrentNavLink(); };

  window.shopify = {
    config: { apiKey, shop: params.get("shop"), host: params.get("host"), locale: "en" },
    environment: { embedded: false, mobile: false, pos: false },
    origin: location.origin,
    idToken,
    toast,
    loading() {},
    user: async () => ({}),
    ready: Promise.resolve(),
  };
})();
`;
}
