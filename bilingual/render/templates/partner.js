(function () {
  var current = null, lit = [];
  function light(sid) {
    if (sid === current) return;
    current = sid;
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = sid ? Array.prototype.slice.call(document.querySelectorAll('[data-sid="' + CSS.escape(sid) + '"]')) : [];
    lit.forEach(function (el) { el.classList.add("hl"); });
  }
  function from(event) {
    var el = event.target.closest ? event.target.closest("[data-sid]") : null;
    light(el ? el.getAttribute("data-sid") : null);
  }
  document.addEventListener("mouseover", from);
  document.addEventListener("focusin", from);
  document.addEventListener("click", from);
})();
