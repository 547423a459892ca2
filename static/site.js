/* The 大字 and 高对比度 buttons: toggle a class on <html>, remember it, keep aria-pressed true. */
(function () {
  var root = document.documentElement;
  var prefs = {
    text: { className: "text-large", key: "zwgk-text", on: "large" },
    contrast: { className: "high-contrast", key: "zwgk-contrast", on: "high" }
  };

  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* not remembered, still applied */ }
  }

  function sync(button) {
    var pref = prefs[button.getAttribute("data-pref")];
    button.setAttribute("aria-pressed", root.classList.contains(pref.className) ? "true" : "false");
  }

  function toggle(button) {
    var pref = prefs[button.getAttribute("data-pref")];
    var on = !root.classList.contains(pref.className);
    root.classList.toggle(pref.className, on);
    if (pref === prefs.contrast) root.classList.toggle("contrast-off", !on);
    save(pref.key, on ? pref.on : "off");
    sync(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelectorAll("[data-module='a11y-tools']");
    for (var i = 0; i < tools.length; i++) {
      var buttons = tools[i].querySelectorAll("button[data-pref]");
      for (var j = 0; j < buttons.length; j++) {
        sync(buttons[j]);
        buttons[j].addEventListener("click", function (event) { toggle(event.currentTarget); });
      }
      tools[i].hidden = false;
    }
  });
})();
/* The menu (<details>, see site.css): open on a wide screen, where its 菜单 summary is hidden, so
   that the links count as shown; folded on a phone until the reader opens it. */
(function () {
  if (!window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 40.0625rem)");
  function sync() {
    var menus = document.querySelectorAll("[data-module='nav-menu']");
    for (var i = 0; i < menus.length; i++) menus[i].open = wide.matches;
  }
  document.addEventListener("DOMContentLoaded", sync);
  if (wide.addEventListener) wide.addEventListener("change", sync);
})();
