/* Live calculation in the record form: after a change, ask the server (which runs the engine, stores
   nothing) for the record's result and show it, with the sentence saying how the amount is read. Without
   JavaScript the "Calculate" button does the same, and the line/method chooser reloads with its own button. */
(function () {
  "use strict";
  var chooser = document.getElementById("record-chooser");
  if (chooser) {
    var line = chooser.querySelector("[name=gpc_ref]");
    var method = chooser.querySelector("[name=method]");
    var button = chooser.querySelector("[data-chooser-button]");
    if (button) { button.style.display = "none"; }  /* the selects reload by themselves */
    line.addEventListener("change", function () {
      method.disabled = true;  /* a new line starts from its own usual method */
      chooser.submit();
    });
    method.addEventListener("change", function () { chooser.submit(); });
  }
  var form = document.querySelector("form[data-preview-url]");
  if (!form) { return; }
  var out = document.getElementById("live-result");
  var hint = document.getElementById("reading-hint");
  var timer = null;
  function esc(text) {
    var d = document.createElement("div"); d.textContent = String(text); return d.innerHTML;
  }
  function show(data) {
    if (hint && typeof data.hint === "string") { hint.textContent = data.hint; }
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
