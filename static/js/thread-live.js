// Live delivery on the conversation page (progressive enhancement: without this file, or
// without websockets, the page works by posting the form and reloading). The socket path
// comes from the page's data-ws-path attribute (no inline script: CSP); same origin, so
// CSP's connect-src 'self' covers it. Every message is built with textContent, never HTML.
(function () {
  "use strict";
  var section = document.getElementById("thread");
  var list = document.getElementById("thread-messages");
  if (!section || !list || !window.WebSocket || !section.dataset.wsPath) {
    return;
  }
  var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  var url = scheme + "//" + window.location.host + section.dataset.wsPath;
  var retries = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date)) return iso;
    // The server's format: "3 Dec 2026, 6:57 PM IST".
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Kolkata", day: "numeric", month: "short", year: "numeric",
      hour: "numeric", minute: "2-digit", hour12: true,
    }).formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return parts.day + " " + parts.month + " " + parts.year + ", " + parts.hour + ":" +
      parts.minute + " " + (parts.dayPeriod || "").toUpperCase() + " IST";
  }

  function render(m) {
    var classes = ["thread-message", m.from_staff ? "from-staff" : "from-borrower"];
    if (m.mine) classes.push("mine");
    if (m.hidden) classes.push("is-hidden");
    if (m.held_until) classes.push("is-held");
    var item = el("li", classes.join(" "));
    item.id = "message-" + m.id;
    item.dataset.messageId = m.id;
    var meta = el("p", "thread-meta");
    meta.appendChild(el("strong", "", m.sender));
    meta.appendChild(document.createTextNode(" · " + when(m.created_at)));
    item.appendChild(meta);
    if (m.hidden) {
      item.appendChild(
        el("p", "thread-hidden", "This message was hidden by the lender" +
          (m.hidden_reason ? ": " + m.hidden_reason : "") + ".")
      );
    }
    if (m.body) {
      var body = el("div", "thread-body");
      m.body.split(/\n{2,}/).forEach(function (para) {
        body.appendChild(el("p", "", para));
      });
      item.appendChild(body);
    }
    if (m.attachment_url) {
      var file = el("p", "thread-file");
      var link = el("a", "", "Download the attached file");
      link.href = m.attachment_url;
      file.appendChild(link);
      item.appendChild(file);
    }
    var status = el("p", "thread-status");
    if (m.held_until) {
      status.appendChild(el("span", "state state-held", "Held for calling hours: delivered at " + when(m.held_until)));
    } else if (m.mine) {
      var receipt = el("span", "thread-receipt", m.read ? "Read" : "Delivered");
      receipt.dataset.delivered = m.delivered_at || "";
      status.appendChild(receipt);
    }
    item.appendChild(status);
    return item;
  }

  function upsert(m) {
    var empty = list.querySelector(".thread-empty");
    if (empty) empty.remove();
    var old = document.getElementById("message-" + m.id);
    var item = render(m);
    if (old) {
      // Keep the server-rendered report form (it needs the CSRF token) when still allowed.
      var report = old.querySelector("form.thread-report");
      if (report && !m.hidden) item.appendChild(report);
      old.replaceWith(item);
    } else {
      list.appendChild(item);
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function receipts(mark) {
    // Our own messages delivered before the other side's read mark now say "Read".
    var side = section.dataset.viewerStaff === "1" ? "borrower" : "staff";
    var readAt = new Date(mark[side]);
    list.querySelectorAll(".mine .thread-receipt").forEach(function (node) {
      if (node.dataset.delivered && new Date(node.dataset.delivered) <= readAt) {
        node.textContent = "Read";
      }
    });
  }

  function connect() {
    var socket = new WebSocket(url);
    socket.addEventListener("open", function () {
      retries = 0;
      document.getElementById("thread-live").hidden = false;
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "message") {
        upsert(data.message);
        if (!data.message.mine && document.visibilityState === "visible") {
          socket.send(JSON.stringify({ type: "read" }));
        }
      } else if (data.type === "read") {
        receipts(data);
      }
    });
    socket.addEventListener("close", function (event) {
      document.getElementById("thread-live").hidden = true;
      // 4401/4404: not signed in, or not yours; no point trying again.
      if (event.code === 4401 || event.code === 4404 || retries >= 5) return;
      retries += 1;
      window.setTimeout(connect, 1000 * Math.pow(2, retries));
    });
  }
  connect();
})();
