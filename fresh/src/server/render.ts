/** Renders a page (route, `_404`, `_500`) with its layouts and `_app` into an HTML response. */
import { type ComponentChildren, type ComponentType, Fragment, h, toChildArray, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { HEAD_CONTEXT } from "../runtime/head.ts";
import { type ContentSecurityPolicy, CSP_CONTEXT, nonce, NONE, UNSAFE_INLINE } from "../runtime/csp.ts";
import { SLOT_TEMPLATE_ATTRIBUTE, STATE_ATTRIBUTE } from "../runtime/markers.ts";
import { BUILD_ID, BUNDLE_PATH } from "./build_id.ts";
import type { ClientBundle } from "./bundle.ts";
import { isAsyncFunction } from "./defines.ts";
import { ISLAND_CLASS_CANDIDATES } from "./internal_keys.ts";
import { RenderState } from "./render_state.ts";
import { comment, renderPendingSlots, withRenderState } from "./render_hooks.ts";
import { type Island, itemsForBaseRoute, type Page, type RouteTable } from "./routes.ts";
import { encodeIslandProps, escapeJsonForScript } from "./serializer.ts";
import type {
  AsyncRoute,
  FreshContext,
  PageProps,
  Plugin,
  PluginRenderFunctionResult,
  PluginRenderResult,
  RenderContext,
  RenderFunction,
  RenderOptions,
} from "./types.ts";
import { errorOverlayFrame } from "./error_overlay.ts";
import { claimedStyles, rewriteHeadStyles } from "./partial_styles.ts";

export interface RenderInput {
  req: Request;
  /** The request context, with `data` (and `error`) set for this render. */
  ctx: FreshContext;
  page: Page;
  table: RouteTable;
  islandsByComponent: Map<ComponentType, Island>;
  client: ClientBundle;
  plugins: Plugin[];
  /** `config.render`, wrapping the page render. */
  renderFn: RenderFunction;
  init: RenderOptions;
  /** In dev mode, the error `_500` is rendering for: the page gets the error overlay. */
  devError?: { error: unknown };
}

type PluginRenderOutput = PluginRenderFunctionResult & { [ISLAND_CLASS_CANDIDATES]: string[] };

const DEFAULT_HEAD =
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">';

export async function renderPage(input: RenderInput): Promise<Response> {
  const root = await resolveComponents(input);
  if (root instanceof Response) return root;

  const state = new RenderState(input.islandsByComponent, crypto.randomUUID().replaceAll("-", ""));
  const csp: ContentSecurityPolicy | undefined = input.page.csp
    ? { directives: { defaultSrc: [NONE], styleSrc: [UNSAFE_INLINE] }, reportOnly: false }
    : undefined;
  const tree = h(
    CSP_CONTEXT.Provider,
    { value: csp },
    h(HEAD_CONTEXT.Provider, { value: state.headChildren }, h(root, null)),
  );

  const { ctx } = input;
  const renderContext: RenderContext = { url: ctx.url, route: ctx.route, state: ctx.state, lang: "en" };
  let body: string | undefined;
  await input.renderFn(renderContext, () => {
    body = withBodyEnd(state, withRenderState(state, () => renderToString(tree)), renderPendingSlots(state));
    return body;
  });
  if (body === undefined) throw new Error("config.render did not call render()");
  const { html, results } = await renderWithPlugins(input.plugins, () => ({
    htmlText: body!,
    requiresHydration: state.islands.length > 0,
    [ISLAND_CLASS_CANDIDATES]: islandClassCandidates(state, input.client),
  }));

  const headers = new Headers(input.init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/html; charset=utf-8");
  if (csp) {
    csp.directives.scriptSrc = [...csp.directives.scriptSrc ?? [], nonce(state.nonce)];
    const name = csp.reportOnly ? "content-security-policy-report-only" : "content-security-policy";
    headers.set(name, serializeCsp(csp));
  }
  const renderId = crypto.randomUUID().replaceAll("-", "");
  // A partial request gets the same document shape, with upstream's X-Fresh-UUID naming its state element.
  if (ctx.isPartial) headers.set("x-fresh-uuid", renderId);
  const document = assembleDocument(
    ctx.isPartial ? keepOnlyPartials(html, state) : html,
    state,
    renderContext.lang,
    // A partial answer needs no preloads: the page has loaded the runtime already (as upstream).
    headTags(state, results, input.client, !ctx.isPartial),
    bodyTags(state, input.client, renderId) + (input.devError ? errorOverlayFrame(input.devError.error) : ""),
  );
  const headEnd = document.indexOf("</head>");
  const head = await rewriteHeadStyles(
    document.slice(0, headEnd),
    ctx.isPartial ? claimedStyles(input.req) : null,
  );
  // Bytes with their length, as a static file is: middleware can then compress the page in one go.
  const bytes = new TextEncoder().encode(head + document.slice(headEnd));
  headers.set("content-length", String(bytes.byteLength));
  return new Response(bytes, {
    status: input.init.status ?? 200,
    statusText: input.init.statusText,
    headers,
  });
}

/**
 * Calls the async members of `_app` → layouts → page in that order (any may return a Response) and
 * returns the root component of the tree; each one's `Component` renders the next.
 */
async function resolveComponents(input: RenderInput): Promise<ComponentType | Response> {
  const { page, table, ctx, req } = input;
  if (!page.component) throw new Error(`The route ${page.pattern} has no component to render`);
  const layouts = pageLayouts(page, table);
  const stack = [
    ...(page.appWrapper && layouts.every((layout) => layout.appWrapper) && table.app ? [table.app] : []),
    ...layouts.map((layout) => layout.component),
    page.component,
  ];
  const props = pageProps(ctx);
  const resolved: ComponentType[] = [];
  for (let i = 0; i < stack.length; i++) {
    const isPage = i === stack.length - 1;
    const Component = isPage ? ctx.Component : () => h(resolved[i + 1], null);
    const fn = stack[i];
    if (isAsyncFunction(fn)) {
      const result = await (fn as AsyncRoute)(req, { ...ctx, Component });
      if (result instanceof Response) return result;
      resolved[i] = () => h(Fragment, null, result as ComponentChildren);
    } else {
      resolved[i] = () => h(fn as ComponentType<PageProps>, { ...props, Component });
    }
  }
  return resolved[0];
}

/** The layouts of the page's folders, outer first, cut at a layout that skips inherited ones. */
function pageLayouts(page: Page, table: RouteTable) {
  if (!page.inheritLayouts) return [];
  const layouts = itemsForBaseRoute(page.baseRoute, table.layouts);
  const lastRoot = layouts.findLastIndex((layout) => !layout.inheritLayouts);
  return lastRoot === -1 ? layouts : layouts.slice(lastRoot);
}

function pageProps(ctx: FreshContext): PageProps {
  const { render: _render, next: _next, renderNotFound: _renderNotFound, ...props } = ctx;
  return props;
}

/** Async plugin hooks wrap the sync ones, which wrap the render; each must call its render once. */
async function renderWithPlugins(
  plugins: Plugin[],
  renderBody: () => PluginRenderOutput,
): Promise<{ html: string; results: PluginRenderResult[] }> {
  const results: PluginRenderResult[] = [];
  let html: string | null = null;

  function apply(plugin: Plugin, result: PluginRenderResult | undefined, inner: PluginRenderOutput | null) {
    if (!result) throw new Error(`Plugin "${plugin.name}" did not return a PluginRenderResult`);
    if (!inner) throw new Error(`Plugin "${plugin.name}" did not call ctx.render()`);
    results.push(result);
    if (result.htmlText !== undefined) html = result.htmlText;
    return { ...inner, htmlText: html! };
  }

  const syncPlugins = plugins.filter((plugin) => plugin.render);
  function renderSync(i: number): PluginRenderOutput {
    if (i === syncPlugins.length) {
      const output = renderBody();
      html = output.htmlText;
      return output;
    }
    let inner: PluginRenderOutput | null = null;
    const result = syncPlugins[i].render!({ render: () => (inner = renderSync(i + 1)) });
    return apply(syncPlugins[i], result, inner);
  }

  const asyncPlugins = plugins.filter((plugin) => plugin.renderAsync);
  async function renderAsync(i: number): Promise<PluginRenderOutput> {
    if (i === asyncPlugins.length) return renderSync(0);
    let inner: PluginRenderOutput | null = null;
    const result = await asyncPlugins[i].renderAsync!({
      renderAsync: async () => (inner = await renderAsync(i + 1)),
    });
    return apply(asyncPlugins[i], result, inner);
  }

  await renderAsync(0);
  return { html: html!, results };
}

function islandClassCandidates(state: RenderState, client: ClientBundle): string[] {
  const candidates = new Set<string>();
  for (const { island } of state.islands) {
    for (const candidate of client.classCandidates.get(island.id) ?? []) candidates.add(candidate);
  }
  return [...candidates];
}

/** Title, plugin styles and links, `<Head>` children, and module preloads, for the end of `<head>`. */
function headTags(
  state: RenderState,
  results: PluginRenderResult[],
  client: ClientBundle,
  withPreloads: boolean,
): string {
  let title = state.appTitle;
  const headNodes: ComponentChildren[] = [];
  // As upstream: of several `<Head>` elements with one `key`, the last wins (after the unkeyed ones).
  const keyed = new Map<unknown, VNode>();
  for (const child of state.headChildren.flatMap((children) => toChildArray(children))) {
    if (typeof child === "object" && child.type === "title") title = child as VNode;
    else if (typeof child === "object" && child.key != null) keyed.set(child.key, child as VNode);
    else headNodes.push(child);
  }
  headNodes.push(...keyed.values());
  const tags = [
    title,
    ...results.flatMap((result) => result.styles ?? []).map((style) =>
      h("style", {
        id: style.id,
        media: style.media,
        nonce: state.nonce,
        dangerouslySetInnerHTML: { __html: style.cssText },
      })
    ),
    ...results.flatMap((result) => result.links ?? []).map((link) => h("link", link)),
    ...headNodes,
    ...(withPreloads ? modulePreloads(state, client) : []).map((href) =>
      h("link", { rel: "modulepreload", href, nonce: state.nonce })
    ),
  ];
  return withRenderState(state, () => renderToString(h(Fragment, null, ...tags)));
}

function modulePreloads(state: RenderState, client: ClientBundle): string[] {
  if (!needsRuntime(state)) return [];
  const files = new Set<string>();
  const add = (file: string | undefined) => {
    if (!file) return;
    files.add(file);
    for (const dependency of client.imports.get(file) ?? []) files.add(dependency);
  };
  add(client.main);
  for (const { island } of state.islands) add(client.islandFiles.get(island.id));
  return [...files].map((file) => clientFileUrl(file));
}

function clientFileUrl(file: string): string {
  return BUNDLE_PATH + file;
}

/** The island props and the boot module; nothing at all when the page has no island. */
function bodyTags(state: RenderState, client: ClientBundle, renderId: string): string {
  if (!needsRuntime(state)) return "";
  const nodes = encodeIslandProps(state.islands.map(({ island, props }) => ({ island: island.name, props })));
  const json = escapeJsonForScript(JSON.stringify({ buildId: BUILD_ID, props: nodes }));
  const id = `__FRSH_STATE_${renderId}`;
  return `<script type="application/json" id="${id}" nonce="${state.nonce}" ${STATE_ATTRIBUTE}>${json}</script>` +
    `<script type="module" nonce="${state.nonce}" src="${clientFileUrl(client.main)}"></script>`;
}

/**
 * The browser runtime goes to pages with islands, and to pages with partials that enable client
 * navigation (`f-client-nav`); any other page gets no script at all.
 */
function needsRuntime(state: RenderState): boolean {
  return state.islands.length > 0 || (state.partials.size > 0 && state.clientNav);
}

/**
 * For a partial request (`?fresh-partial`), the body keeps only the top-level partials and the slot
 * templates: the browser reads nothing else from it, so the rest need not travel.
 */
function keepOnlyPartials(html: string, state: RenderState): string {
  const regions: string[] = [];
  let depth = 0;
  let start = 0;
  for (const match of html.matchAll(/<!--(\/?)frsh-partial:[^>]*-->/g)) {
    if (match[1] === "") {
      if (depth++ === 0) start = match.index;
    } else if (--depth === 0) {
      regions.push(html.slice(start, match.index + match[0].length));
    }
  }
  const templates =
    html.match(new RegExp(`<template ${SLOT_TEMPLATE_ATTRIBUTE}=[^>]*>[\\s\\S]*?</template>`, "g")) ?? [];
  const bodyMarker = renderToString(comment(state.bodyEndMarker));
  const bodyOpen = /<body\b[^>]*>/.exec(html);
  const bodyEnd = html.indexOf(bodyMarker);
  const content = regions.join("") + templates.join("");
  if (!bodyOpen || bodyEnd === -1) return content;
  const afterOpen = bodyOpen.index + bodyOpen[0].length;
  return html.slice(0, afterOpen) + content + html.slice(bodyEnd);
}

/** Puts the runtime's tags at the end of `<head>` and `<body>`, adding the document shell if missing. */
function assembleDocument(
  html: string,
  state: RenderState,
  lang: string,
  head: string,
  body: string,
): string {
  const headMarker = renderToString(comment(state.headEndMarker));
  const bodyMarker = renderToString(comment(state.bodyEndMarker));
  if (!state.sawHtmlElement && !state.sawHead) {
    const htmlTag = renderToString(h("html", { lang })).slice(0, -"</html>".length);
    return `<!DOCTYPE html>${htmlTag}<head>${DEFAULT_HEAD}${head}</head><body>${html}${body}</body></html>`;
  }
  let document = html;
  if (state.sawHead) {
    document = replaceOnce(document, headMarker, head);
  } else {
    const htmlTag = /<html\b[^>]*>/.exec(document);
    const at = htmlTag ? htmlTag.index + htmlTag[0].length : 0;
    document = `${document.slice(0, at)}<head>${DEFAULT_HEAD}${head}</head>${document.slice(at)}`;
  }
  if (state.sawBody) {
    document = replaceOnce(document, bodyMarker, body);
  } else {
    const end = document.lastIndexOf("</html>");
    document = end === -1 ? document + body : document.slice(0, end) + body + document.slice(end);
  }
  return "<!DOCTYPE html>" + document;
}

/** Inserts `html` at the end of the body (the page's own `<body>`, or the end of a bodiless page). */
function withBodyEnd(state: RenderState, document: string, html: string): string {
  if (html === "") return document;
  const marker = renderToString(comment(state.bodyEndMarker));
  return document.includes(marker) ? replaceOnce(document, marker, html + marker) : document + html;
}

function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  return at === -1 ? text : text.slice(0, at) + replacement + text.slice(at + search.length);
}

function serializeCsp(csp: ContentSecurityPolicy): string {
  return Object.entries(csp.directives)
    .filter(([, value]) => value !== undefined && value.length > 0)
    .map(([name, value]) => {
      const directive = name.replace(/[A-Z]/g, (letter) => "-" + letter.toLowerCase());
      return `${directive} ${Array.isArray(value) ? value.join(" ") : value}`;
    })
    .join("; ");
}
