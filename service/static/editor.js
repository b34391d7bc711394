// The SPARQL editor: YASGUI on this server's endpoint, the example queries, and two result views
// of our own: a chart of numeric columns and a drawing of CONSTRUCT results.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).href;

  function ChartPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
  ChartPlugin.prototype.numericColumns = function () {
    var results = this.yasr.results, bindings = results.getBindings();
    return results.getVariables().filter(function (v) {
      return bindings.length && bindings.every(function (b) { return !b[v] || !isNaN(parseFloat(b[v].value)); })
        && bindings.some(function (b) { return b[v] && b[v].type === "literal"; });
    });
  };
  ChartPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results;
    return !!r && r.getType && r.getType() === "json" && !!r.getVariables && r.getVariables().length > 1 && this.numericColumns().length > 0;
  };
  ChartPlugin.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "▤"; return s; };
  ChartPlugin.prototype.draw = function () {
    var results = this.yasr.results, numeric = this.numericColumns();
    var bindings = results.getBindings().slice(0, 200);
    // bars are named by a column of names (literals) when there is one, else by the IRIs' last segment
    var others = results.getVariables().filter(function (v) { return numeric.indexOf(v) < 0; });
    var labelVar = others.filter(function (v) {
      return bindings.some(function (b) { return b[v] && b[v].type === "literal"; });
    })[0] || others[0];
    var box = document.createElement("div"); box.className = "chart-box";
    var canvas = document.createElement("canvas"); box.appendChild(canvas);
    this.yasr.resultsEl.appendChild(box);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: bindings.map(function (b, i) { return labelVar && b[labelVar] ? b[labelVar].value.split("/").pop() : String(i + 1); }),
        datasets: numeric.map(function (v) { return { label: v, data: bindings.map(function (b) { return b[v] ? parseFloat(b[v].value) : null; }) }; })
      },
      options: { maintainAspectRatio: false, indexAxis: bindings.length > 12 ? "y" : "x" }
    });
  };

  function GraphPlugin(yasr) { this.yasr = yasr; this.priority = 6; this.label = "Graph"; }
  GraphPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results;
    return !!r && r.getType && r.getType() === "ttl";
  };
  GraphPlugin.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "⋔"; return s; };
  GraphPlugin.prototype.draw = function () {
    var statements = this.yasr.results.getStatements().slice(0, 1500), nodes = {}, edges = [];
    function short(value) { var parts = value.split(/[\/#]/); return parts[parts.length - 1] || value; }
    statements.forEach(function (q, i) {
      if (q.object.termType === "Literal") { return; }
      [q.subject, q.object].forEach(function (t) { nodes[t.value] = { data: { id: t.value, label: short(t.value) } }; });
      edges.push({ data: { id: "e" + i, source: q.subject.value, target: q.object.value, label: short(q.predicate.value) } });
    });
    var box = document.createElement("div"); box.className = "yasr_graph";
    this.yasr.resultsEl.appendChild(box);
    var cy = cytoscape({
      container: box,
      elements: Object.keys(nodes).map(function (k) { return nodes[k]; }).concat(edges),
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 9, width: 12, height: 12, "background-color": "#0b5cad" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 7, width: 1, "curve-style": "bezier", "target-arrow-shape": "triangle", color: "#5c6b7a" } }
      ],
      layout: { name: "cose", animate: false }
    });
    cy.on("tap", "node", function (e) {
      var id = e.target.id(), base = root.getAttribute("data-base");
      window.open(id.indexOf(base) === 0 ? "/id/" + id.slice(base.length) : id, "_blank");
    });
  };

  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderGraph: "text/turtle,*/*;q=0.9" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } }
  });

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var query = document.getElementById("example-" + button.getAttribute("data-name")).textContent;
      var tab = yasgui.getTab();
      tab.setQuery(query);
      tab.getYasqe().query();
    });
  });
})();
