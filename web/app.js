/* The demo page's one init call (an external file: the page's CSP allows no inline script).
 * bot/serve/web.py fills the two <meta> tags: the Rasa server's URL and, optionally, a country. */
(function () {
  "use strict";
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") || "" : "";
  }
  var language = navigator.language || "en";
  window.WebChat.default({
    socketUrl: meta("clonus-socket-url"),
    title: "Clonus information assistant",
    subtitle: "General information, not medical advice",
    initPayload: "/greet",
    customData: {
      language: language,
      // empty: the add-on takes the region of navigator.language (en-IN -> IN)
      country: meta("clonus-country")
    }
  });
})();
