// "In báo cáo": the print stylesheet does the rest (black and white, no navigation or filters).
(function () {
  var button = document.getElementById("print-report");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
