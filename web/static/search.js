// The search box takes the cursor on a computer, never on a phone or tablet: there focusing
// it would open the on-screen keyboard over the results.
(function () {
  var box = document.getElementById("q");
  if (box && !box.value && window.matchMedia("(hover: hover) and (pointer: fine)").matches) {
    box.focus();
  }
})();
