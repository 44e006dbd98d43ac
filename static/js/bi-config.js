/*
 * Loaded right before bootstrap-italia.bundle.min.js, as an external file (the CSP allows no
 * inline script). It keeps the bundle inside our Content Security Policy.
 */
(function () {
  "use strict";

  // video.js, inside the bundle, injects a <style> element as soon as it loads: style-src 'self'
  // refuses it and the browser logs a CSP violation. Its default styles are already in
  // bootstrap-italia.min.css, so we switch the injection off.
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;

  // The bundle does not call bootstrap.loadFonts() by itself; static/css/fonts.css loads the
  // fonts. If someone calls it anyway, it must point at our vendored copy, never at
  // /node_modules/. The path comes from the script tag (it depends on STATIC_URL).
  var script = document.currentScript;
  if (script && script.dataset.fontsPath) {
    window.__PUBLIC_PATH__ = script.dataset.fontsPath;
  }
})();
