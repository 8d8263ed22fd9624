// Starts a Trunk worker bin that sits beside this file, named in the worker's name (`new
// Worker(…/worker_boot.js, {name: 'js=<url of worker.js>&wasm=<url of worker_bg.wasm>'})`: a
// name survives any server, where a query string may not). It loads the glue, then the wasm,
// and posts {awaitlab: 'ready'} — or what failed, naming the file (a wasm that fails to load
// rejects a promise in here, which the page's `error` event never hears). A file of the site
// rather than a generated blob: workers then start under a Content-Security-Policy of
// `worker-src 'self'`.
(function () {
  var params = new URLSearchParams(self.name);
  var js = params.get('js') || '';
  var wasm = params.get('wasm') || '';
  var file = function (url) { return url.split(/[?#]/)[0].split('/').pop(); };
  var fail = function (url, e) {
    postMessage({ awaitlab: 'failed', file: file(url), message: String((e && e.message) || e) });
  };
  // Only this site's files, the glue and its wasm side by side: a name cannot make it load a
  // script from elsewhere. (Its own location may be a blob: URL of the same origin where a test
  // harness wraps workers, so the origin is what is compared.)
  var origin = self.location.origin;
  var parse = function (url) {
    try {
      return new URL(url);
    } catch (e) {
      return null;
    }
  };
  var jsUrl = parse(js);
  var wasmUrl = parse(wasm);
  var dirOf = function (u) { return u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1); };
  if (!jsUrl || !wasmUrl || jsUrl.origin !== origin || wasmUrl.origin !== origin
      || dirOf(jsUrl) !== dirOf(wasmUrl) || !/\.js$/.test(jsUrl.pathname)
      || !/\.wasm$/.test(wasmUrl.pathname)) {
    fail(js, 'only a worker script of this site, beside its wasm, can be started (' + js + ')');
    return;
  }
  try {
    importScripts(js);
  } catch (e) {
    fail(js, e);
    return;
  }
  if (typeof wasm_bindgen !== 'function') {
    fail(js, 'it defines no wasm_bindgen');
    return;
  }
  wasm_bindgen({ module_or_path: wasm }).then(
    function () { postMessage({ awaitlab: 'ready' }); },
    function (e) { fail(wasm, e); }
  );
})();
