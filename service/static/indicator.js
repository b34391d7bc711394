// One indicator's targets by year, a bar per plan.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("targets-data").textContent);
  var palette = ["#0b5cad", "#b3261e", "#1e7d4f", "#6a3fb5", "#d2691e", "#00838f", "#8a5a00", "#5c6b7a"];
  var datasets = data.plans.map(function (plan, index) {
    return {
      label: plan.plan.label + (plan.table ? " · " + plan.table : ""),
      data: data.years.map(function (year) { var t = plan.targets[year]; return t && t.value !== null ? t.value : null; }),
      borderColor: palette[index % palette.length],
      backgroundColor: palette[index % palette.length]
    };
  });
  new Chart(document.getElementById("targets-chart"), {
    type: "bar",
    data: { labels: data.years, datasets: datasets },
    options: { maintainAspectRatio: false, scales: { y: { title: { display: !!data.measure, text: data.measure } } } }
  });
})();
