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
    if (kind.value !== "adhoc") kind.form.submit();
  });
  document.addEventListener("DOMContentLoaded", function () { style(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { style(ev.target); });
})();
