// The import form refuses a file over the size limit before sending it (the server checks again).
document.addEventListener("change", function (e) {
  var input = e.target;
  if (!input.matches("#import-form input[type=file]")) return;
  var form = input.form, box = document.getElementById("import-size-error");
  var limit = parseInt(form.dataset.maxBytes, 10);
  var tooBig = input.files.length && input.files[0].size > limit;
  box.hidden = !tooBig;
  box.textContent = tooBig ? form.dataset.tooBig : "";
  form.querySelector("button[type=submit]").disabled = !!tooBig;
});
