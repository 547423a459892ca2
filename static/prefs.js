/* Applies the reader's saved 大字 / 高对比度 choices before the page is drawn (no flash).
   Loaded in <head>, without defer, and kept tiny. */
(function () {
  try {
    var root = document.documentElement;
    if (localStorage.getItem("zwgk-text") === "large") root.classList.add("text-large");
    var contrast = localStorage.getItem("zwgk-contrast");
    if (contrast === "high") root.classList.add("high-contrast");
    if (contrast === "off") root.classList.add("contrast-off");
  } catch (e) { /* storage blocked: the page simply uses the defaults */ }
})();
