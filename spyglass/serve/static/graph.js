// spyglass graph: fetch the nodes and edges named by #graph[data-src] and lay them out with a small
// force simulation in SVG. Names are set with textContent (never innerHTML): they come from scraped text.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function roleClass(n) {
    if (n.role) { return "r-" + String(n.role).split(" ")[0]; }
    return "r-" + (n.depth === undefined ? 1 : n.depth);
  }

  function draw(box, data) {
    var width = box.clientWidth || 900, height = 560;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    var byId = {};
    data.nodes.forEach(function (n, i) {
      var angle = (2 * Math.PI * i) / data.nodes.length;
      n.x = width / 2 + Math.cos(angle) * width / 3 * (n.depth === 0 || n.role === "agency" ? 0 : 1);
      n.y = height / 2 + Math.sin(angle) * height / 3 * (n.depth === 0 || n.role === "agency" ? 0 : 1);
      n.vx = 0; n.vy = 0;
      byId[n.id] = n;
    });
    var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; });
    var lines = edges.map(function (e) {
      var line = el("line");
      var label = el("text", { "class": "edge-label" });
      label.textContent = e.predicate;
      svg.appendChild(line); svg.appendChild(label);
      return { e: e, line: line, label: label };
    });
    var groups = data.nodes.map(function (n) {
      var g = el("g", { "class": "node " + roleClass(n) });
      var c = el("circle", { r: n.role === "agency" || n.depth === 0 ? 11 : 7 });
      var title = el("title");
      title.textContent = n.id + (n.role ? " (" + n.role + ")" : "") + (n.type ? " · " + n.type : "");
      var t = el("text", { x: 10, y: 4 });
      t.textContent = n.id.length > 40 ? n.id.slice(0, 38) + "…" : n.id;
      t.addEventListener("click", function () {
        window.location.href = "/entity?name=" + encodeURIComponent(n.id);
      });
      g.appendChild(c); g.appendChild(title); g.appendChild(t);
      svg.appendChild(g);
      drag(svg, g, n);
      return { n: n, g: g };
    });
    box.insertBefore(svg, box.firstChild);

    function tick() {
      var k = 0.02, i, j;
      for (i = 0; i < data.nodes.length; i++) {
        var a = data.nodes[i];
        for (j = i + 1; j < data.nodes.length; j++) {
          var b = data.nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          var f = 4000 / d2;
          a.vx += dx * f / Math.sqrt(d2); a.vy += dy * f / Math.sqrt(d2);
          b.vx -= dx * f / Math.sqrt(d2); b.vy -= dy * f / Math.sqrt(d2);
        }
        a.vx += (width / 2 - a.x) * 0.004; a.vy += (height / 2 - a.y) * 0.004;
      }
      edges.forEach(function (e) {
        var s = byId[e.source], t = byId[e.target], dx = t.x - s.x, dy = t.y - s.y;
        var d = Math.sqrt(dx * dx + dy * dy) || 1, f = (d - 140) * k;
        s.vx += dx / d * f; s.vy += dy / d * f; t.vx -= dx / d * f; t.vy -= dy / d * f;
      });
      data.nodes.forEach(function (n) {
        if (n.fixed) { n.vx = 0; n.vy = 0; return; }
        n.vx *= 0.6; n.vy *= 0.6;
        n.x = Math.max(12, Math.min(width - 12, n.x + n.vx));
        n.y = Math.max(12, Math.min(height - 12, n.y + n.vy));
      });
    }

    function render() {
      lines.forEach(function (l) {
        var s = byId[l.e.source], t = byId[l.e.target];
        l.line.setAttribute("x1", s.x); l.line.setAttribute("y1", s.y);
        l.line.setAttribute("x2", t.x); l.line.setAttribute("y2", t.y);
        l.label.setAttribute("x", (s.x + t.x) / 2); l.label.setAttribute("y", (s.y + t.y) / 2);
      });
      groups.forEach(function (g) { g.g.setAttribute("transform", "translate(" + g.n.x + "," + g.n.y + ")"); });
    }

    var steps = 0;
    for (; steps < 250; steps++) { tick(); }
    render();
    box.setAttribute("data-ready", "1");
    function animate() { tick(); render(); if (++steps < 400) { window.requestAnimationFrame(animate); } }
    svg.addEventListener("pointerup", function () { steps = 300; window.requestAnimationFrame(animate); });
  }

  function drag(svg, g, n) {
    g.querySelector("circle").addEventListener("pointerdown", function (ev) {
      ev.preventDefault();
      n.fixed = true;
      function move(e2) {
        var pt = svg.createSVGPoint(); pt.x = e2.clientX; pt.y = e2.clientY;
        var p = pt.matrixTransform(svg.getScreenCTM().inverse());
        n.x = p.x; n.y = p.y;
        g.setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
      }
      function up() { svg.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); }
      svg.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("graph");
    if (!box || !box.getAttribute("data-src")) { return; }
    fetch(box.getAttribute("data-src"), { headers: { accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (data.nodes) { draw(box, data); } })
      .catch(function () { box.setAttribute("data-ready", "error"); });
  });
}());
