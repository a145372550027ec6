// Lists the chosen files with their sizes (flagging any over the limit) and says the upload is
// under way once sent: the server answers only when the ingest flow has handled every file.
(function () {
  var form = document.querySelector("form.upload");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("chosen");
  var progress = document.getElementById("progress");
  var maxBytes = Number(form.dataset.maxBytes);
  var maxFiles = Number(form.dataset.maxFiles);

  function size(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1).replace(".", ",") + " MB"
                        : Math.max(1, Math.round(n / 1024)) + " KB";
  }

  input.addEventListener("change", function () {
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " — " + size(file.size);
      if (file.size > maxBytes) {
        item.className = "too-large";
        item.textContent += " (quá giới hạn, sẽ bị từ chối)";
      }
      list.appendChild(item);
    });
    input.setCustomValidity(input.files.length > maxFiles ? "Tối đa " + maxFiles + " tệp một lần." : "");
  });

  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    progress.textContent = "Đang xử lý " + input.files.length + " tệp… Lần đầu có thể mất 20–30 giây.";
    Array.prototype.forEach.call(list.children, function (item) { item.classList.add("pending"); });
  });
})();
