// Dyad explorer: the Goldstein line (one point per period) over bars of event counts, from
// /api/dyad; a click on a point or bar lists that period's events from /api/events.
"use strict";
(function () {
  const box = document.getElementById("dyad-chart");
  if (!box) return;
  const list = document.getElementById("dyad-events");
  const spec = box.dataset;
  ew.api("/api/dyad", {source: spec.source, target: spec.target, freq: spec.freq, level: spec.level})
    .then(function (data) { draw(data.points); })
    .catch(function (error) { ew.message(box, "Could not load the series: " + error.message, true); });

  function periodEnd(start) {
    const end = new Date(start);
    if (spec.freq === "week") end.setUTCDate(end.getUTCDate() + 6);
    if (spec.freq === "month") { end.setUTCMonth(end.getUTCMonth() + 1); end.setUTCDate(0); }
    return end.toISOString().slice(0, 10);
  }

  function showEvents(point) {
    const params = {source: spec.source, target: spec.target, since: point.period,
                    until: periodEnd(new Date(point.period + "T00:00:00Z")), negated: "false",
                    limit: "100"};
    if (spec.level === "actor") params.match = "exact";
    ew.message(list, "Loading the events of " + point.period + "…");
    ew.api("/api/events", params).then(function (page) {
      const more = new URLSearchParams(params); more.delete("limit");
      list.replaceChildren(
        ew.el("h3", {}, [page.total + " event(s) from " + point.period + " to " + params.until]),
        ew.eventList(page.items),
        ew.el("a", {href: "/events?" + more.toString()}, ["open in the events table →"]));
    }).catch(function (error) { ew.message(list, "Could not load the events: " + error.message, true); });
  }

  function draw(points) {
    if (!points.length) {
      ew.message(box, "No events from " + spec.source + " to " + spec.target + " in this store.");
      return;
    }
    const width = 1100, height = 320, m = {top: 14, right: 56, bottom: 30, left: 56};
    const svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]);
    const x = d3.scaleBand().domain(points.map(function (p) { return p.period; }))
      .range([m.left, width - m.right]).padding(0.15);
    const most = d3.max(points, function (p) { return p.events; }) || 1;
    const counts = d3.scaleLinear().domain([0, most]).nice().range([height - m.bottom, m.top]);
    const gold = d3.extent(points, function (p) { return p.goldstein_sum; });
    const g = d3.scaleLinear().domain([Math.min(gold[0], 0), Math.max(gold[1], 0)]).nice()
      .range([height - m.bottom, m.top]);
    const every = Math.max(1, Math.ceil(points.length / 12));
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.bottom) + ")")
      .call(d3.axisBottom(x).tickValues(x.domain().filter(function (d, i) { return i % every === 0; })));
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)")
      .call(d3.axisLeft(counts).ticks(Math.min(5, most)).tickFormat(d3.format("d"))).append("text").attr("x", 4 - m.left).attr("y", 8)
      .attr("text-anchor", "start").text("events");
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + (width - m.right) + ",0)")
      .call(d3.axisRight(g).ticks(5)).append("text").attr("x", 4).attr("y", 8)
      .attr("text-anchor", "start").text("Goldstein");
    svg.append("g").selectAll("rect").data(points).join("rect").attr("class", "bar")
      .attr("x", function (p) { return x(p.period); }).attr("width", x.bandwidth())
      .attr("y", function (p) { return counts(p.events); })
      .attr("height", function (p) { return counts(0) - counts(p.events); })
      .on("click", function (event, p) { showEvents(p); })
      .append("title").text(function (p) { return p.period + ": " + p.events + " events"; });
    const mid = function (p) { return x(p.period) + x.bandwidth() / 2; };
    svg.append("path").datum(points).attr("class", "line series-gold")
      .attr("d", d3.line().x(mid).y(function (p) { return g(p.goldstein_sum); }));
    svg.append("g").selectAll("circle").data(points).join("circle").attr("class", "point gold")
      .attr("cx", mid).attr("cy", function (p) { return g(p.goldstein_sum); }).attr("r", 5)
      .attr("data-period", function (p) { return p.period; })
      .on("click", function (event, p) { showEvents(p); })
      .append("title").text(function (p) {
        return p.period + ": Goldstein " + p.goldstein_sum.toFixed(1) + " over " + p.events + " events";
      });
  }
})();
