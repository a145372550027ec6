// Sends the chosen files one at a time so each row moves from "Đang chờ" to its outcome while the
// rest wait; the server runs the ingest flow per post. Without this script the form posts every
// file at once and the page answers with the same table. Text goes in with textContent only.
(function () {
  var form = document.querySelector("form.upload");
  if (!form || !window.fetch || !window.FormData) return;
  var input = form.querySelector("input[type=file]");
  var button = form.querySelector("button[type=submit]");
  var chosen = document.getElementById("chosen");
  var progress = document.getElementById("progress");
  var live = document.getElementById("live-outcomes");
  var rows = live.querySelector("tbody");
  var maxBytes = Number(form.dataset.maxBytes);
  var maxFiles = Number(form.dataset.maxFiles);
  var LABELS = {ingested: "Đã đưa vào kho", skipped: "Bỏ qua: đã có trong kho", failed: "Lỗi"};
  var REASONS = JSON.parse(form.dataset.reasons || "{}");

  function size(n) {
    if (n < 1024) return n + " byte";
    return n >= 1048576 ? (n / 1048576).toFixed(1).replace(".", ",") + " MB" : Math.round(n / 1024) + " KB";
  }

  input.addEventListener("change", function () {
    chosen.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " — " + size(file.size);
      if (file.size > maxBytes) {
        item.className = "too-large";
        item.textContent += " (quá giới hạn, sẽ bị từ chối)";
      }
      chosen.appendChild(item);
    });
    input.setCustomValidity(input.files.length > maxFiles ? "Tối đa " + maxFiles + " tệp một lần." : "");
  });

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function show(row, outcome) {
    row.className = "outcome-" + outcome.status;
    var badge = document.createElement("span");
    badge.className = "badge out-" + outcome.status;
    badge.textContent = LABELS[outcome.status] || outcome.status;
    row.cells[1].textContent = "";
    row.cells[1].appendChild(badge);
    row.cells[2].textContent = "";
    if (outcome.status === "failed") {
      row.cells[2].textContent = outcome.error;
    } else if (/^[0-9a-f]{64}$/.test(outcome.id)) {
      var link = document.createElement("a");
      link.href = "/documents/" + outcome.id;
      if (outcome.status === "skipped") {
        // "already stored as …": the document this file is (another copy or format of it)
        row.cells[2].appendChild(document.createTextNode("Đã lưu thành văn bản "));
        if (outcome.stored_as) {
          link.textContent = outcome.stored_as;
        } else {
          var code = document.createElement("code");
          code.textContent = outcome.id.slice(0, 12) + "…";
          link.appendChild(code);
        }
        row.cells[2].appendChild(link);
        if (REASONS[outcome.reason]) row.cells[2].appendChild(document.createTextNode(" (" + REASONS[outcome.reason] + ")"));
      } else {
        link.textContent = "Xem văn bản";
        row.cells[2].appendChild(link);
      }
    }
  }

  async function send(file, row) {
    row.cells[1].textContent = "Đang xử lý…";
    var data = new FormData();
    data.append("csrf", form.elements.csrf.value);
    data.append("files", file, file.name);
    try {
      var answer = await fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                                             headers: {"Accept": "application/json"}});
      var body = await answer.json();
      return answer.ok ? body.files[0] : {status: "failed", error: body.error, id: ""};
    } catch (error) {
      return {status: "failed", error: "Không gửi được tệp: " + error.message, id: ""};
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    button.disabled = true;
    rows.textContent = "";
    live.hidden = false;
    var pending = files.map(function (file) {
      var row = document.createElement("tr");
      cell(row, file.name);
      cell(row, "Đang chờ");
      cell(row, "");
      rows.appendChild(row);
      return row;
    });
    var tally = {ingested: 0, skipped: 0, failed: 0};
    for (var i = 0; i < files.length; i++) {
      progress.textContent = "Đang xử lý tệp " + (i + 1) + "/" + files.length +
        (i === 0 ? " (lần đầu có thể mất 20–30 giây)…" : "…");
      var outcome = await send(files[i], pending[i]);
      show(pending[i], outcome);
      tally[outcome.status] = (tally[outcome.status] || 0) + 1;
    }
    progress.textContent = "Xong: " + tally.ingested + " tệp đưa vào kho, " + tally.skipped +
      " bỏ qua, " + tally.failed + " lỗi.";
    button.disabled = false;
    form.reset();
    chosen.textContent = "";
  });
})();
