// The cascade drawing: item above the tasks derived from it, units below; click a node to open it.
(function () {
  "use strict";
  var elements = JSON.parse(document.getElementById("cascade-data").textContent);
  var levelColours = { city: "#0b5cad", department: "#6a3fb5", commune: "#1e7d4f", ward: "#1e7d4f", division: "#8a5a00" };
  var cy = cytoscape({
    container: document.getElementById("cascade-graph"),
    elements: elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.6,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 140,
        "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18, "background-color": "#7a8794",
        "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "node[kind = 'root']", style: { shape: "round-rectangle", width: 34, height: 24, "background-color": "#b3261e", "font-weight": "bold" } },
      { selector: "node[kind = 'nq57']", style: { shape: "round-rectangle", width: 30, height: 22, "background-color": "#7b1d1d" } },
      { selector: "node[kind = 'unit']", style: { shape: "ellipse", "background-color": "#f2a900", width: 14, height: 14, "text-max-width": 90, "font-size": 9 } },
      { selector: "node[kind = 'task']", style: { shape: "rectangle", "background-color": function (n) { return levelColours[n.data("level")] || "#7a8794"; } } },
      { selector: "edge", style: { width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#0b5cad", "target-arrow-color": "#0b5cad" } },
      { selector: "edge[kind = 'inferred']", style: { "line-style": "dashed", "line-color": "#d2691e", "target-arrow-color": "#d2691e" } },
      { selector: "edge[kind = 'lead']", style: { width: 1.5, "line-color": "#c49000", "target-arrow-color": "#c49000" } },
      { selector: "edge[kind = 'cooperating']", style: { width: 1, "line-style": "dotted", "line-color": "#aab4be", "target-arrow-color": "#aab4be" } },
      { selector: ".hidden", style: { display: "none" } }
    ],
    layout: { name: "dagre", rankDir: "TB", nodeSep: 70, rankSep: 70 }
  });
  window.nqgraphCascade = cy;  // for the console and the browser tests
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href) { window.location.href = href; }
  });

  function checked(name) {
    return Array.prototype.map.call(document.querySelectorAll("#cascade-controls input[name='" + name + "']:checked"), function (i) { return i.value; });
  }
  function filter() {
    var levels = checked("level"), kinds = checked("kind");
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes("[kind = 'task']").forEach(function (n) { if (n.data("level") && levels.indexOf(n.data("level")) < 0) { n.addClass("hidden"); } });
      cy.edges("[kind = 'stated'], [kind = 'inferred']").forEach(function (e) { if (kinds.indexOf(e.data("kind")) < 0) { e.addClass("hidden"); } });
      // a task reached only through hidden links is hidden too, and units left without a visible task
      cy.nodes("[kind = 'task']").forEach(function (n) {
        var incoming = n.incomers("edge");
        if (incoming.length && incoming.filter(function (e) { return !e.hasClass("hidden"); }).length === 0) { n.addClass("hidden"); }
      });
      cy.nodes("[kind = 'unit']").forEach(function (n) {
        if (n.incomers("node").filter(function (t) { return !t.hasClass("hidden"); }).length === 0) { n.addClass("hidden"); }
      });
    });
    document.querySelectorAll("#cascade-table tbody tr").forEach(function (row) {
      var level = row.getAttribute("data-level"), kind = row.getAttribute("data-kind");
      row.hidden = (level && levels.indexOf(level) < 0) || kinds.indexOf(kind) < 0;
    });
  }
  document.getElementById("cascade-controls").addEventListener("change", filter);
})();
