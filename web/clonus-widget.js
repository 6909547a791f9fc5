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
 *   messages announced through a live region, readable contrast, a 375 px layout;
 * - "Delete my conversation": a button in the header sends that request (the bot asks
 *   for a confirmation); when the server confirms the deletion (socket.io event
 *   `clonus_forget`), the conversation and the browser key are removed from the widget's
 *   storage and the page reloads a few seconds later, so the widget starts afresh
 *   (README, "Privacy").
 * - the summary for the doctor (issue 16): a header button asks for it in words (the same
 *   words work on every channel); a bot message that starts with 📋 (the summary's title,
 *   domain response utter_summary_title) gets Copy and Download (.txt) buttons.
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
  /* rasa-webchat keeps the conversation it shows under this storage key */
  var SESSION_NAME = "chat_session";
  var FORGET_EVENT = "clonus_forget";
  var DELETE_TEXT = "Delete my conversation";
  /* time to read the bot's confirmation before the widget starts afresh */
  var FORGET_RELOAD_MS = 4000;

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

  function forgetStored(storage) {
    try {
      if (storage) {
        storage.removeItem(SESSION_NAME);
        storage.removeItem(KEY_NAME);
      }
    } catch (error) {
      /* storage blocked: nothing was kept */
    }
  }

  /* The server deleted this conversation: remove it from the browser too. The widget
     rewrites its storage on every change, so the removal is repeated when the page is
     left and right before the reload that starts a new conversation. */
  function forgetHandler(storage) {
    var forgotten = false;
    return function () {
      forgetStored(storage);
      if (forgotten) {
        return;
      }
      forgotten = true;
      window.addEventListener("pagehide", function () { forgetStored(storage); });
      window.setTimeout(function () {
        forgetStored(storage);
        window.location.reload();
      }, FORGET_RELOAD_MS);
    };
  }

  /* Send a text as if the visitor typed it (the widget reads the form's field). */
  function sendText(root, text) {
    var form = root.querySelector(".rw-sender");
    var field = form && form.querySelector(".rw-new-message");
    if (!form || !field) {
      return;
    }
    field.value = text;
    form.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
  }

  function addDeleteButton(root) {
    var header = root.querySelector(".rw-header");
    if (!header || header.querySelector(".clonus-delete")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "clonus-delete";
    button.textContent = DELETE_TEXT;
    button.setAttribute("aria-label", "Delete my conversation from the server and this browser");
    button.addEventListener("click", function () { sendText(root, DELETE_TEXT); });
    header.appendChild(button);
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
    /* the summary for the doctor */
    ".rw-conversation-container .clonus-summary-request { margin-top: 6px; padding: 3px 10px; font-size: 0.85rem;",
    "  color: #0b4f8a; background: #ffffff; border: 1px solid #ffffff; border-radius: 4px; cursor: pointer; }",
    ".rw-conversation-container .clonus-summary-tools { display: flex; gap: 8px; margin: 4px 0 8px 0; }",
    ".rw-conversation-container .clonus-summary-tools button { padding: 4px 10px; font-size: 0.85rem; color: #0b4f8a;",
    "  background: #ffffff; border: 1px solid #0b4f8a; border-radius: 4px; cursor: pointer; }",
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
    /* the "Delete my conversation" menu item in the header */
    ".rw-conversation-container .rw-header .clonus-delete { margin-top: 4px; padding: 2px 8px;",
    "  display: inline-block; background: transparent; color: #ffffff; border: 1px solid #ffffff; border-radius: 4px;",
    "  font-size: 0.8rem; cursor: pointer; }",
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
    addDeleteButton(root);
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

  var SUMMARY_MARKER = "\uD83D\uDCCB"; /* 📋 starts the summary's title */
  var SUMMARY_REQUEST = "Summarise this for my doctor";
  var SUMMARY_FILE = "summary-for-doctor.txt";

  /* Send text as if typed: React reads the input's value through its own setter. */
  function typeAndSend(root, text) {
    var input = root.querySelector(".rw-new-message");
    if (!input) {
      return;
    }
    var setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value").set;
    setter.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    window.setTimeout(function () {
      var send = root.querySelector(".rw-send");
      if (send) {
        send.click();
      }
    }, 0);
  }

  function copyText(text, button) {
    function done() {
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text); done(); });
    } else {
      legacyCopy(text);
      done();
    }
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } catch (error) {
      /* the text stays selectable in the message */
    }
    document.body.removeChild(area);
  }

  function download(text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain;charset=utf-8" }));
    link.download = SUMMARY_FILE;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function toolButton(label, aria, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-label", aria);
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      onClick(button);
    });
    return button;
  }

  function summaryTools(root) {
    var header = root.querySelector(".rw-header");
    if (header && !header.querySelector(".clonus-summary-request")) {
      var request = toolButton("Summary for my doctor", "Summary for my doctor: a summary of this conversation to show your doctor",
                               function () { typeAndSend(root, SUMMARY_REQUEST); });
      request.className = "clonus-summary-request";
      header.appendChild(request);
    }
    Array.prototype.forEach.call(root.querySelectorAll(".rw-response"), function (bubble) {
      if (bubble.hasAttribute("data-clonus-summary")) {
        return;
      }
      var text = (bubble.innerText || bubble.textContent || "").trim();
      if (text.indexOf(SUMMARY_MARKER) !== 0) {
        return;
      }
      bubble.setAttribute("data-clonus-summary", "1");
      var tools = document.createElement("div");
      tools.className = "clonus-summary-tools";
      tools.appendChild(toolButton("Copy", "Copy the summary", function (button) { copyText(text, button); }));
      tools.appendChild(toolButton("Download .txt", "Download the summary as a text file",
                                   function () { download(text); }));
      bubble.parentNode.insertBefore(tools, bubble.nextSibling);
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
          summaryTools(root);
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
    var events = Object.assign({}, options.onSocketEvent || {});
    var forget = forgetHandler(storage);
    var siteHandler = events[FORGET_EVENT];
    events[FORGET_EVENT] = function (data) {
      forget();
      if (typeof siteHandler === "function") {
        siteHandler(data);
      }
    };
    options.onSocketEvent = events;
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
