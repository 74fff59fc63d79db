// Live installment preview on the apply page (progressive enhancement: without this
// file the "Preview the installment" button re-renders the page with the same numbers).
(function () {
  "use strict";
  var form = document.querySelector("form.apply-form[data-preview-url]");
  var target = document.getElementById("apply-preview");
  if (!form || !target || !window.fetch) {
    return;
  }
  var names = ["product", "amount", "tenure"];
  var timer = null;
  var latest = 0;

  function refresh() {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var field = form.elements[name];
      if (field) {
        params.set(name, field.value);
      }
    });
    if (!params.get("product") || !params.get("amount") || !params.get("tenure")) {
      return;
    }
    var ticket = ++latest;
    fetch(form.dataset.previewUrl + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // Only the answer to the newest question is shown.
        if (html !== null && ticket === latest) {
          target.innerHTML = html;
        }
      })
      .catch(function () {
        /* the Preview button still works */
      });
  }

  names.forEach(function (name) {
    var field = form.elements[name];
    if (!field) {
      return;
    }
    field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 350);
    });
  });
})();
