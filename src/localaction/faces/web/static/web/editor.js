/* Live calculation in the record form: after a change, ask the server (which runs the engine, stores
   nothing) for the record's result and show it. Without JavaScript the "Calculate" button does the same. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  if (!form) { return; }
  var out = document.getElementById("live-result");
  var timer = null;
  function esc(text) {
    var d = document.createElement("div"); d.textContent = String(text); return d.innerHTML;
  }
  function show(data) {
    if (data.ok) {
      out.className = "result";
      out.innerHTML = "<span class=\"big\">" + esc(data.display) + "</span>" +
        (data.steps && data.steps.length ? "<ol class=\"steps\">" + data.steps.map(function (s) {
          return "<li>" + esc(s) + "</li>"; }).join("") + "</ol>" : "");
    } else {
      out.className = "result bad";
      out.innerHTML = "<ul class=\"errorlist\">" + (data.errors || []).map(function (e) {
        return "<li>" + esc(e) + "</li>"; }).join("") + "</ul>";
    }
  }
  function preview() {
    var body = new FormData(form);
    body.delete("do");
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" }
    }).then(function (r) { return r.json(); }).then(show).catch(function () {});
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(preview, 350); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(preview, 100); });
})();
