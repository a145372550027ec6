// Step through the searched words marked in the text (mark.mk-hit, ids hit-1 … hit-N).
(function () {
  var nav = document.getElementById("hits-nav");
  if (!nav) return;
  var hits = Array.prototype.slice.call(document.querySelectorAll(".text mark.mk-hit"));
  var where = document.getElementById("hit-where");
  var current = -1;
  function show(index) {
    if (!hits.length) return;
    if (current >= 0 && hits[current]) hits[current].classList.remove("current");
    current = (index + hits.length) % hits.length;
    var hit = hits[current];
    hit.classList.add("current");
    hit.scrollIntoView({block: "center"});
    where.textContent = (current + 1) + "/" + hits.length;
    history.replaceState(null, "", "#" + hit.id);
  }
  nav.addEventListener("click", function (event) {
    var step = event.target.getAttribute("data-step");
    if (!step) return;
    event.preventDefault();
    show(current + Number(step));
  });
  var start = hits.findIndex(function (h) { return "#" + h.id === location.hash; });
  if (start >= 0) {
    show(start);
  } else if (/^#trang-/.test(location.hash)) {
    // opened at the hit's page: the first step goes to the first searched word on that page
    var page = document.getElementById(location.hash.slice(1));
    var first = page ? hits.findIndex(function (h) { return page.contains(h); }) : -1;
    if (first >= 0) current = first - 1;
  }
})();
