// The report page's print button (inline scripts are not allowed by the pages' policy).
"use strict";
(function () {
  var b = document.getElementById("print");
  if (b) b.addEventListener("click", function () { window.print(); });
})();
