// Small behaviours shared by all pages. Served from our own static files (CSP: 'self').
document.addEventListener("change", function (e) {
  // Filter forms submit themselves when a select changes.
  if (e.target.matches("form.filters select")) e.target.form.requestSubmit();
});
