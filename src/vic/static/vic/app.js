/* VIC: small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  // Bootstrap classes for Django-rendered widgets inside VIC forms.
  function style(root) {
    root.querySelectorAll("form.vic-form select, form.vic-form textarea, form.vic-form input").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { el.classList.add("form-check-input"); return; }
      if (el.type === "hidden" || el.type === "submit") return;
      if (el.tagName === "SELECT" && !el.multiple) el.classList.add("form-select", "form-select-sm");
      else el.classList.add("form-control", "form-control-sm");
    });
  }
  // Task rows of the registration page: add, copy, remove (Django formset with an empty-form template).
  function renumber(form) {
    var rows = form.querySelectorAll("[data-task-row]");
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var n = 0;
    rows.forEach(function (row) { var label = row.querySelector("[data-row-number]"); if (label && row.style.display !== "none") label.textContent = ++n; });
    return total;
  }
  function newRow(form, source) {
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var index = parseInt(total.value, 10);
    var html = form.querySelector("#empty-task-row").innerHTML.replace(/__prefix__/g, index);
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    if (source) {
      source.querySelectorAll("input, select, textarea").forEach(function (el) {
        var name = el.name.replace(/-\d+-/, "-" + index + "-");
        var target = row.querySelector("[name='" + name + "']");
        if (!target || /DELETE$/.test(name)) return;
        if (el.type === "checkbox") target.checked = el.checked; else target.value = el.value;
      });
    }
    form.querySelector("[data-task-rows]").appendChild(row);
    total.value = index + 1;
    style(row.ownerDocument);
    renumber(form);
    if (window.htmx) window.htmx.process(row);
    var first = row.querySelector("textarea"); if (first) first.focus();
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-row-action]");
    if (!btn) return;
    var form = btn.closest("form");
    var row = btn.closest("[data-task-row]");
    var action = btn.getAttribute("data-row-action");
    if (action === "add") newRow(form, null);
    if (action === "copy") newRow(form, row);
    if (action === "remove" && row) {
      var del = row.querySelector("input[name$='-DELETE']");
      if (del) { del.checked = true; row.style.display = "none"; } else { row.remove(); }
      renumber(form);
    }
    ev.preventDefault();
  });
  // Report pages: choosing another kind of period reloads the page with that kind's periods to pick from.
  document.addEventListener("change", function (ev) {
    var kind = ev.target.closest("[data-period-kind]");
    if (!kind || !kind.form) return;
    var picker = kind.form.querySelector("[data-period-picker]");
    if (picker) picker.value = "";
    // Ad hoc: stay when the form already has its date boxes (compiled report), else reload to show them.
    if (kind.value !== "adhoc" || !kind.form.querySelector("[name=start]")) kind.form.submit();
  });
  // Files over the limits are stopped before they are sent: the server would refuse the whole request
  // (413, or 400 for too many files) and the rows added on this page would be lost on the way back.
  document.addEventListener("submit", function (ev) {
    var body = document.body, form = ev.target;
    var max = parseInt(body.getAttribute("data-upload-max") || "0", 10);
    var total = 0, chosen = 0, sent = 0, problem = null, where = null;
    if (!max || !form.querySelectorAll) return;
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      var files = input.files || [];
      chosen += files.length;
      if (input.name && !input.disabled) sent += Math.max(1, files.length); // an empty input sends one part
      Array.prototype.forEach.call(files, function (file) {
        total += file.size;
        if (!problem && file.size > max) {
          problem = body.getAttribute("data-file-too-big").replace("{name}", file.name); where = input;
        }
      });
    });
    if (!problem && total > parseInt(body.getAttribute("data-request-max"), 10)) {
      problem = body.getAttribute("data-request-too-big");
      where = form.querySelector("input[type=file]");
    }
    if (!problem && sent > parseInt(body.getAttribute("data-files-max") || "0", 10) && chosen) {
      problem = body.getAttribute("data-too-many-files").replace("{count}", chosen);
      where = form.querySelector("input[type=file]");
    }
    if (!problem) return;
    ev.preventDefault();
    var note = form.querySelector("[data-upload-problem]");
    if (!note) {
      note = document.createElement("div");
      note.className = "text-danger small";
      note.setAttribute("data-upload-problem", "");
      where.insertAdjacentElement("afterend", note);
    }
    note.textContent = problem;
    where.focus();
  }, true);
  document.addEventListener("DOMContentLoaded", function () { style(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { style(ev.target); });
})();
