// The graph of the entity and exposure pages (Cytoscape.js): arrows from owner, investor or
// director to what it owns, invests in or directs, labelled with the share; designated parties
// as red diamonds, the party asked about ringed, the path that sets the verdict in red.
// The box says where its elements come from (data-src) and where a tapped party leads
// (data-link: "exposure" traces it, else its list entry opens); a list of the same edges in
// words (#graph-edges) and zoom buttons (#zoom-in, #zoom-out, #zoom-fit) are used when present.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var summary = document.getElementById("graph-summary");
  fetch(box.dataset.src, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var els = data.elements || { nodes: [], edges: [] };
      var source = data.source ? " (" + data.source + ")" : "";
      var counts = summary.dataset.counts || "{parties} parties, {relations} relations";
      summary.textContent = counts.replace("{parties}", els.nodes.length)
        .replace("{relations}", els.edges.length) + source + ": " + data.summary;
      var list = document.getElementById("graph-edges");
      if (list) {
        var names = {};
        els.nodes.forEach(function (n) { names[n.data.id] = n.data.label; });
        els.edges.forEach(function (e) {
          var li = document.createElement("li");
          var share = e.data.share_pct != null && e.data.label.indexOf("%") < 0 ? " " + e.data.share_pct + " %" : "";
          li.textContent = names[e.data.source] + " → " + names[e.data.target] + " (" + e.data.label + share + ")";
          list.appendChild(li);
        });
      }
      var cy = cytoscape({
        container: box,
        elements: els,
        minZoom: 0.2,
        maxZoom: 4,
        layout: els.nodes.length > 12
          ? { name: "cose", padding: 30, animate: false }
          : { name: "breadthfirst", directed: true, spacingFactor: 1.4, padding: 30, animate: false },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 13, "text-wrap": "wrap", "text-max-width": 180, "text-valign": "bottom", "text-margin-y": 4, "background-color": "#6c8ebf", "width": 28, "height": 28 } },
          { selector: "node[?listed]", style: { "background-color": "#a40e26", "shape": "diamond", "width": 34, "height": 34 } },
          { selector: "node[?query]", style: { "border-width": 5, "border-color": "#f5a623" } },
          { selector: "node[?verdict]", style: { "font-weight": "bold" } },
          { selector: "edge", style: { "label": "data(label)", "font-size": 12, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 1.4, "width": 2, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2 } },
          { selector: "edge[?verdict]", style: { "width": 5, "line-color": "#d1242f", "target-arrow-color": "#d1242f", "color": "#82071e" } }
        ]
      });
      var traces = box.dataset.link === "exposure";
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (traces) {
          window.location.href = "/ui/exposure?id=" + encodeURIComponent(id);
        } else if (id.indexOf(":") > 0 && id.indexOf("name:") !== 0 && id.indexOf("custom:") !== 0) {
          window.location.href = "/ui/entity/" + encodeURIComponent(id);
        }
      });
      function on(id, fn) {
        var button = document.getElementById(id);
        if (button) { button.addEventListener("click", fn); }
      }
      function zoom(factor) {
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } });
      }
      on("zoom-in", function () { zoom(1.25); });
      on("zoom-out", function () { zoom(0.8); });
      on("zoom-fit", function () { cy.fit(undefined, 30); });
      box.dataset.ready = "1";
    })
    .catch(function (err) {
      summary.textContent = (summary.dataset.failed || "The graph could not be loaded:") + " " + err.message;
    });
})();
