// Registers AwaitLab's service worker (sw.js beside this file, written by scripts/precache.mjs at
// build time), which keeps the app working offline after one visit. A file rather than an inline
// script, so the page runs under `script-src 'self'`. Relative URLs and the scope `./`: it works
// at the root or under any sub-path. Nothing happens from file:// or where the browser has no
// service workers, and nothing here throws.
//
// Updates: a new build's sw.js installs beside the running one and waits. Meanwhile every page of
// the old build keeps being answered from the old build's cache, so none mixes two builds. The
// page offers "Reload" (data-testid=sw-update); pressing it lets the new one take over, and every
// page the old one controlled reloads as it does. Otherwise it takes over once no page of the old
// build is open.
(function () {
  'use strict';
  try {
    var container = navigator.serviceWorker;
    if (!container || !/^https?:$/.test(location.protocol) || !window.isSecureContext) return;
    var controlled = !!container.controller;
    var reloading = false;
    container.addEventListener('controllerchange', function () {
      // A page of one build now answered by another: reload (a first install only starts
      // answering the page it was installed from, from the same build).
      if (controlled && !reloading) {
        reloading = true;
        location.reload();
      }
      controlled = true;
    });
    var notice = null;
    // The app clears the body as it mounts: the notice waits until it has (the run state leaves
    // `loading`).
    var whenMounted = function (then) {
      var root = document.documentElement;
      if (root.dataset.runState !== 'loading') return then();
      var seen = new MutationObserver(function () {
        if (root.dataset.runState === 'loading') return;
        seen.disconnect();
        then();
      });
      seen.observe(root, { attributes: true, attributeFilter: ['data-run-state'] });
    };
    var offer = function (registration) {
      whenMounted(function () { show(registration); });
    };
    var show = function (registration) {
      if (!registration.waiting || !container.controller || notice || !document.body) return;
      var root = document.documentElement;
      // An embed is a part of someone else's page: it updates when no page of the old build is
      // open, without asking. The words are the app's (Fluent, in the page's language), put on
      // the root element for this script.
      if (root.hasAttribute('data-embed')) return;
      notice = document.createElement('div');
      notice.className = 'sw-update';
      notice.setAttribute('role', 'status');
      notice.setAttribute('data-testid', 'sw-update');
      var text = document.createElement('span');
      text.textContent = root.getAttribute('data-sw-ready') || 'A new version of AwaitLab is ready.';
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'ghost';
      button.textContent = root.getAttribute('data-sw-reload') || 'Reload';
      button.addEventListener('click', function () {
        button.disabled = true;
        if (registration.waiting) registration.waiting.postMessage({ awaitlab: 'skip-waiting' });
        else location.reload();
      });
      notice.appendChild(text);
      notice.appendChild(button);
      document.body.appendChild(notice);
    };
    container.register('sw.js', { scope: './' }).then(function (registration) {
      if (!registration) return;
      offer(registration);
      registration.addEventListener('updatefound', function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed') offer(registration);
        });
      });
    }).catch(function () {
      // No offline copy (a private window, storage refused): the app works as without one.
    });
  } catch (e) {
    // As above.
  }
})();
