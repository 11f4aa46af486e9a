// The import's progress bar: asks the server how far the job is, and shows the result when it ends.
// The state lives on the server, so a reload picks up where the bar was.
(function () {
  var box = document.querySelector('[data-testid="import-job"]');
  if (!box || box.dataset.finished === "1") return;
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        box.querySelector("progress").value = data.percent;
        box.querySelector('[data-testid="import-percent"]').textContent = data.percent + "%";
        if (data.finished) window.location.reload();
        else setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
