// The app's start, with its boot screen (index.html's #boot). scripts/externalize_boot.mjs writes
// this file into the start script, filling in the messages (crates/i18n/locales/*/boot.ftl) and
// the call at the end. It downloads the app's wasm itself, showing how much has arrived, so a
// slow connection shows progress rather than a blank page; and a page that cannot start (the
// wasm or its glue missing, the connection gone, WebAssembly turned off) says why, offers a
// reload and sets `data-run-state` to `error`, where it used to stay blank and `loading`.

const BOOT_MESSAGES = /* @messages */ {};

/** The page's language as the app will choose it: the link's `lang`, else the browser's. */
function bootLang() {
  const parse = (tag) => {
    const parts = String(tag).trim().toLowerCase().replace(/_/g, '-').split('-');
    if (parts[0] === 'en') return 'en';
    if (parts[0] !== 'zh') return null;
    const rest = parts.slice(1);
    const traditional = rest.some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p)) && !rest.includes('hans');
    return traditional ? null : 'zh';
  };
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked !== null && parse(asked)) return parse(asked);
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (parse(tag)) return parse(tag);
  }
  return 'en';
}

const BOOT_LANG = bootLang();

/** A boot message in the page's language, its `{ $name }` variables filled in from `args`. */
function bootSay(id, args = {}) {
  const text = BOOT_MESSAGES[BOOT_LANG]?.[id] ?? BOOT_MESSAGES.en?.[id] ?? id;
  return text.replace(/\{ *\$([a-z_]+) *\}/g, (_, name) => String(args[name] ?? ''));
}

/** A failure the boot screen words itself (the rest are the browser's words). */
class BootError extends Error {}

/** The file a URL names, for messages. */
const bootFile = (url) => String(url).split(/[?#]/)[0].split('/').pop();

/** Megabytes with one decimal. */
const bootMb = (bytes) => (bytes / 1e6).toFixed(1);

const bootPanel = document.getElementById('boot');
const bootPart = (name) => bootPanel?.querySelector(`[data-boot=${name}]`) ?? null;

function bootSet(name, text) {
  const el = bootPart(name);
  if (el) el.textContent = text;
}

/** What the panel shows before anything arrives: in the page's language, its colours and (in an
 * embed) its compact layout, read from the link as the app will (core view_options.rs). */
function bootStart() {
  const root = document.documentElement;
  root.lang = BOOT_LANG === 'zh' ? 'zh-Hans' : 'en';
  const query = new URLSearchParams(location.search);
  const theme = query.get('theme')?.trim();
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  if (['1', 'true', ''].includes(query.get('embed')?.trim())) root.dataset.embed = '';
  bootSet('text', bootSay('boot-loading'));
  bootPart('bar')?.setAttribute('aria-label', bootSay('boot-progress-label'));
  bootSet('reload', bootSay('boot-reload'));
  bootPart('reload')?.addEventListener('click', () => location.reload());
}

/** Shows how much of the wasm has arrived (`got` of `total` bytes). */
function bootProgress(got, total) {
  const bar = bootPart('bar');
  const done = Math.min(got / total, 1);
  const words = bootSay('boot-progress', { got: bootMb(Math.min(got, total)), total: bootMb(total) });
  if (bar) {
    bar.value = done;
    bar.setAttribute('aria-valuetext', words);
  }
  bootSet('size', done >= 1 ? bootSay('boot-starting') : words);
}

/** The page cannot start: the panel says why and offers a reload. */
function bootFail(reason) {
  if (!bootPanel) return;
  bootPanel.dataset.failed = '';
  bootSet('text', bootSay('boot-failed', { reason }));
  bootSet('size', '');
  const bar = bootPart('bar');
  if (bar) bar.hidden = true;
  const reload = bootPart('reload');
  if (reload) reload.hidden = false;
  document.documentElement.dataset.runState = 'error';
}

/** The wasm at `url` as a Response that counts its bytes on their way to the compiler. */
async function bootFetch(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new BootError(bootSay('boot-why-network', { file: bootFile(url) }));
  }
  if (!response.ok) {
    throw new BootError(bootSay('boot-why-http', { file: bootFile(url), status: response.status }));
  }
  // The file's size as built (the body arrives uncompressed, whatever the server's encoding).
  const total = Number(bootPanel?.dataset.wasmBytes) || 0;
  if (!response.body || total <= 0 || typeof TransformStream !== 'function') return response;
  let got = 0;
  let shown = -1;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      got += chunk.byteLength;
      // About a hundred updates at most, whatever the chunks.
      if (got >= total || got - shown >= total / 100) {
        shown = got;
        bootProgress(got, total);
      }
      out.enqueue(chunk);
    },
  }));
  bootProgress(0, total);
  return new Response(counted, { status: 200, headers: { 'content-type': 'application/wasm' } });
}

/** Loads the app's glue and wasm and starts it; on failure, says why on the boot screen. */
async function startApp(glueUrl, wasmUrl) {
  bootStart();
  try {
    if (typeof WebAssembly !== 'object') throw new BootError(bootSay('boot-why-no-wasm'));
    // The glue and the wasm download side by side (index.html preloads both).
    const glue = import(glueUrl).catch(() => {
      throw new BootError(bootSay('boot-why-network', { file: bootFile(glueUrl) }));
    });
    const wasmResponse = bootFetch(wasmUrl);
    // When the glue fails first, the wasm's own failure is not reported a second time, unhandled.
    wasmResponse.catch(() => {});
    const bindings = await glue;
    const response = await wasmResponse;
    const wasm = await bindings.default({ module_or_path: response });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    bootFail(e instanceof BootError ? e.message : String(e?.message ?? e));
    throw e;
  }
}
