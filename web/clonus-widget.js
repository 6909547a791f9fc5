/* Clonus assistant add-on for rasa-webchat 1.0.1 (appended to it in /widget.js).
 *
 * `window.WebChat.default(options)` keeps rasa-webchat's API; this add-on wraps it to:
 * - bind the conversation to this browser: a random key kept in the widget's storage
 *   goes in the socket.io connection's query; the server derives the session from it,
 *   so another browser that presents this session id gets none of its replies;
 * - pass language and country as custom data (country: the option, else the region of
 *   the browser's language, e.g. en-IN -> IN), and always send an initial payload;
 * - use the system font (the widget's web font is removed from the bundle: nothing is
 *   loaded from the internet), show urgent escalations in a distinct style;
 * - make the widget accessible: labelled controls, keyboard-operable quick replies, new
 *   messages announced through a live region, readable contrast, a 375 px layout.
 * It never renders text as HTML: bot text is rendered by the widget (Markdown with HTML
 * escaped; the server sends it pre-escaped) and user text as plain text.
 */
(function () {
  "use strict";

  var webchat = window.WebChat;
  if (!webchat || typeof webchat.default !== "function") {
    return;
  }
  var KEY_NAME = "clonus_client_key";
  var KEY_PARAM = "clonus_key";
  var KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

  function storageFor(options) {
    try {
      var kind = options.params && options.params.storage;
      return kind === "session" ? window.sessionStorage : window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function randomKey() {
    var bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function clientKey(storage) {
    var key = null;
    try {
      key = storage && storage.getItem(KEY_NAME);
    } catch (error) {
      key = null;
    }
    if (!key || !KEY_PATTERN.test(key)) {
      key = randomKey();
      try {
        if (storage) {
          storage.setItem(KEY_NAME, key);
        }
      } catch (error) {
        /* storage full or blocked: this page view still works, without persistence */
      }
    }
    return key;
  }

  function withKey(url, key) {
    var parsed = new URL(url || window.location.origin, window.location.href);
    parsed.searchParams.set(KEY_PARAM, key);
    return parsed.toString();
  }

  function regionOf(tag) {
    var match = /^[A-Za-z]{2,3}[-_]([A-Za-z]{2})(?:$|[-_])/.exec(tag || "");
    return match ? match[1].toUpperCase() : "";
  }

  var DEVANAGARI = /[\u0900-\u097F]/;

  var STYLE = [
    /* system fonts only; Devanagari ones for Hindi (Linux/Android, Windows, macOS/iOS) */
    ".rw-widget-container, .rw-widget-container *, .rw-widget-embedded, .rw-widget-embedded * {",
    "  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial,",
    "    'Noto Sans Devanagari', 'Lohit Devanagari', 'Nirmala UI', Mangal, 'Kohinoor Devanagari',",
    "    'Devanagari Sangam MN', sans-serif !important; }",
    /* Devanagari needs room above and below the line for its vowel signs */
    ".rw-conversation-container [lang='hi'] { line-height: 1.7; }",
    /* contrast */
    ".rw-conversation-container .rw-header { background-color: #0b4f8a; }",
    ".rw-conversation-container .rw-title, .rw-conversation-container .rw-header .rw-title { color: #ffffff; }",
    ".rw-conversation-container .rw-header span, .rw-conversation-container .rw-header .rw-subtitle { color: #ffffff; }",
    ".rw-launcher { background-color: #0b4f8a; }",
    ".rw-conversation-container .rw-client { background-color: #0b4f8a; color: #ffffff; }",
    ".rw-conversation-container .rw-response { background-color: #eef2f6; color: #111111; }",
    ".rw-conversation-container .rw-response a { color: #0b4f8a; text-decoration: underline; }",
    ".rw-conversation-container .rw-client a { color: #ffffff; text-decoration: underline; }",
    ".rw-conversation-container .rw-replies .rw-reply { color: #0b4f8a; border-color: #0b4f8a; background: #ffffff; }",
    ".rw-conversation-container .rw-new-message::placeholder { color: #5a6470; opacity: 1; }",
    /* urgent escalation */
    ".rw-conversation-container .rw-response.clonus-urgent {",
    "  background-color: #fdecea; color: #5f0b07; border: 2px solid #b3261e; border-left-width: 8px;",
    "  font-weight: 600; }",
    ".rw-conversation-container .rw-response.clonus-urgent a { color: #5f0b07; }",
    /* header: title and subtitle in the flow, clear of the close button */
    ".rw-conversation-container .rw-header, .rw-conversation-container .rw-header.rw-with-subtitle {",
    "  height: auto; min-height: 55px; padding: 8px 52px 8px 16px; text-align: left; }",
    ".rw-conversation-container .rw-header .rw-title, .rw-conversation-container .rw-header.rw-with-subtitle .rw-title,",
    ".rw-conversation-container .rw-header.rw-with-subtitle span { position: static; margin: 0; }",
    ".rw-conversation-container .rw-header .rw-title { font-size: 1.15rem; line-height: 1.3; }",
    ".rw-conversation-container .rw-header-buttons { top: 50%; transform: translateY(-50%); }",
    ".rw-conversation-container .rw-send .rw-send-icon { fill: #6b7480; }",
    ".rw-conversation-container .rw-send .rw-send-icon-ready { fill: #0b4f8a; }",
    ".rw-conversation-container .rw-new-message:focus-visible { outline-offset: -3px !important; }",
    /* visible keyboard focus */
    ".rw-widget-container :focus-visible { outline: 3px solid #e8a200 !important; outline-offset: 2px; }",
    /* narrow phones (375 px): the open chat uses the whole screen */
    "@media (max-width: 480px) {",
    "  .rw-widget-container.rw-chat-open { width: 100%; height: 100%; max-width: 100vw; right: 0; bottom: 0; }",
    "  .rw-conversation-container { max-width: 100vw; }",
    "  .rw-conversation-container .rw-client, .rw-conversation-container .rw-response { max-width: 85%; }",
    "}"
  ].join("\n");

  function addStyle() {
    if (document.getElementById("clonus-widget-style")) {
      return;
    }
    var style = document.createElement("style");
    style.id = "clonus-widget-style";
    style.textContent = STYLE;
    (document.head || document.documentElement).appendChild(style);
  }

  function label(element, text) {
    if (element && element.getAttribute("aria-label") !== text) {
      element.setAttribute("aria-label", text);
    }
  }

  function activateOnKeys(event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.currentTarget.click();
    }
  }

  /* Attributes the widget does not set; React leaves attributes it does not manage alone. */
  function improve(root) {
    if (root.getAttribute("role") !== "complementary") {
      root.setAttribute("role", "complementary");
      root.setAttribute("aria-label", "Chat with the clonus information assistant");
    }
    var title = root.querySelector(".rw-title");
    if (title && title.getAttribute("aria-level") !== "2") {
      title.setAttribute("aria-level", "2");
    }
    var launcher = root.querySelector(".rw-launcher");
    if (launcher) {
      var open = !!root.querySelector(".rw-conversation-container");
      label(launcher, open ? "Close the chat" : "Open the chat with the clonus information assistant");
      launcher.setAttribute("aria-expanded", open ? "true" : "false");
    }
    label(root.querySelector(".rw-close-button"), "Close the chat");
    label(root.querySelector(".rw-toggle-fullscreen-button"), "Full screen");
    label(root.querySelector(".rw-new-message"), "Type your question");
    label(root.querySelector(".rw-send"), "Send");
    var log = root.querySelector(".rw-messages-container");
    if (log && log.getAttribute("role") !== "log") {
      log.setAttribute("role", "log");
      log.setAttribute("aria-live", "polite");
      log.setAttribute("aria-relevant", "additions");
      log.setAttribute("aria-label", "Conversation");
      log.setAttribute("tabindex", "0");
    }
    /* Hindi text is marked lang="hi": screen readers then read it with a Hindi voice */
    Array.prototype.forEach.call(root.querySelectorAll(".rw-response, .rw-client, .rw-reply"), function (el) {
      var hindi = DEVANAGARI.test(el.textContent || "");
      if (hindi && el.getAttribute("lang") !== "hi") {
        el.setAttribute("lang", "hi");
      } else if (!hindi && el.getAttribute("lang") === "hi") {
        el.removeAttribute("lang");
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll(".rw-reply"), function (reply) {
      if (reply.tagName !== "BUTTON" && !reply.hasAttribute("data-clonus-key")) {
        reply.setAttribute("role", "button");
        reply.setAttribute("tabindex", "0");
        reply.setAttribute("data-clonus-key", "1");
        reply.addEventListener("keydown", activateOnKeys);
      }
    });
  }

  function watch(root) {
    var scheduled = false;
    var observer = new MutationObserver(function () {
      if (!scheduled) {
        scheduled = true;
        window.requestAnimationFrame(function () {
          scheduled = false;
          improve(root);
        });
      }
    });
    observer.observe(root, { childList: true, subtree: true });
    improve(root);
  }

  function init(options, element) {
    options = Object.assign({}, options || {});
    var storage = storageFor(options);
    options.socketUrl = withKey(options.socketUrl, clientKey(storage));
    if (typeof options.initPayload !== "string" || !options.initPayload) {
      options.initPayload = "/greet";
    }
    var custom = Object.assign({}, options.customData || {});
    custom.language = custom.language || navigator.language || "en";
    custom.country = custom.country || regionOf(navigator.language);
    options.customData = custom;
    options.params = Object.assign({ storage: "local" }, options.params || {});
    if (!options.inputTextFieldHint) {
      options.inputTextFieldHint = "Type your question...";
    }
    if (typeof options.customMessageDelay !== "function") {
      options.customMessageDelay = function () { return 300; };
    }
    function start() {
      addStyle();
      var container = element;
      if (!container) {
        container = document.getElementById("rasaWebchatPro");
        if (!container) {
          container = document.createElement("div");
          container.id = "rasaWebchatPro";
          document.body.appendChild(container);
        }
      }
      watch(container);
      webchat.default(options, container);
    }
    if (document.body) {
      start();
    } else {
      document.addEventListener("DOMContentLoaded", start);
    }
  }

  var api = {};
  Object.keys(webchat).forEach(function (name) {
    api[name] = webchat[name];
  });
  api.default = init;
  window.WebChat = api;
})();
