/* AwaitLab live blocks for any documentation page. Include this script (from the folder the
 * AwaitLab app is served from) and every
 *   <pre data-awaitlab="speed=20&autorun=1">…a Python program…</pre>
 * becomes an AwaitLab iframe running that program, and every
 *   <div data-awaitlab="?s=countdown&mode=async"></div>
 * an iframe showing that scenario. The attribute holds AwaitLab URL parameters (s, mode, the
 * scenario's parameters, speed, autorun, loop, lang, theme). Without scripts the <pre> stays as
 * it is: readable code. Each iframe is sized to its content (the embed posts its height).
 * Plain JavaScript, no build step; nothing inline, so it runs under a strict CSP.
 * window.AwaitLabEmbed.scan(root) turns the blocks added later (a single-page docs site) live. */
(function () {
  'use strict';
  if (window.AwaitLabEmbed) return;
  var script = document.currentScript;
  // The app lives beside this script (or where data-awaitlab-app says).
  var app = new URL((script && script.getAttribute('data-awaitlab-app')) || '.', script ? script.src : location.href);
  var frames = [];
  var MIN_HEIGHT = 160;
  var MAX_HEIGHT = 6000;

  function params(text) {
    var query = new URLSearchParams((text || '').replace(/^\?/, ''));
    query.delete('embed');
    query.delete('host-origin');
    return query;
  }

  function frameFor(query, label) {
    query.set('embed', '1');
    // The embed then obeys only this page (a page opened from a file has no origin to pin).
    if (/^https?:$/.test(location.protocol)) query.set('host-origin', location.origin);
    // The program last, so a long one does not hide the rest of the address.
    var code = query.get('code');
    if (code !== null) { query.delete('code'); query.append('code', code); }
    var iframe = document.createElement('iframe');
    iframe.src = new URL('?' + query.toString(), app).href;
    iframe.title = label;
    iframe.loading = 'lazy';
    iframe.className = 'awaitlab-frame';
    iframe.setAttribute('allow', 'clipboard-write');
    // Through the CSSOM, which a host's style-src policy allows (a style attribute it may not).
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.height = '560px';
    frames.push(iframe);
    return iframe;
  }

  function liven(block) {
    if (block.getAttribute('data-awaitlab-live') !== null) return;
    block.setAttribute('data-awaitlab-live', '');
    var query = params(block.getAttribute('data-awaitlab'));
    var iframe;
    if (block.tagName === 'PRE') {
      // The block's text is the program (a code element inside it, as Markdown writes it, too).
      var text = block.textContent.replace(/\r\n?/g, '\n').replace(/\n$/, '');
      query.set('code', text);
      iframe = frameFor(query, block.getAttribute('aria-label') || 'AwaitLab: the program above, running');
      block.parentNode.insertBefore(iframe, block.nextSibling);
      block.hidden = true;
    } else {
      iframe = frameFor(query, block.getAttribute('aria-label') || 'AwaitLab: ' + (query.get('s') || 'a scenario'));
      block.appendChild(iframe);
    }
  }

  function scan(root) {
    var blocks = (root || document).querySelectorAll('pre[data-awaitlab], div[data-awaitlab]');
    for (var i = 0; i < blocks.length; i++) liven(blocks[i]);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== app.origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'awaitlab:resize') return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height))) + 'px';
      }
    }
  });

  window.AwaitLabEmbed = { scan: scan, frames: function () { return frames.slice(); } };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(document); });
  } else {
    scan(document);
  }
})();
