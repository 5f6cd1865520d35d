/* The cockpit's charts: each card's monthly trend, and the breakdown by district on the map of
   Xi'an (a sorted bar chart when the map file cannot be loaded). Data: #cockpit-data. */
(function () {
  "use strict";
  var RED = "#b3261e", GREEN = "#1e7e34";

  function showPeriodFields(form) {
    var kind = form.querySelector("[name=kind]");
    if (!kind) return;
    var wanted = { year: ["year"], quarter: ["year", "quarter"], month: ["year", "month"], custom: ["start", "end"] };
    function apply() {
      var keep = wanted[kind.value] || [];
      ["year", "quarter", "month", "start", "end"].forEach(function (name) {
        var label = form.querySelector('[data-for-kind="' + name + '"]');
        if (label) label.hidden = keep.indexOf(name) < 0;
      });
    }
    kind.addEventListener("change", apply);
    apply();
  }

  function trend(el, data, labels) {
    var chart = echarts.init(el);
    var series = [{ type: "line", data: data.y, name: labels.value, symbolSize: 4, connectNulls: false,
                    itemStyle: { color: RED }, lineStyle: { width: 2 } }];
    if (data.target !== null) {
      series[0].markLine = { silent: true, symbol: "none", lineStyle: { color: GREEN, type: "dashed" },
                             label: { formatter: labels.target + " {c}", fontSize: 10, position: "insideEndTop" },
                             data: [{ yAxis: data.target }] };
    }
    chart.setOption({
      grid: { left: 40, right: 12, top: 14, bottom: 20 }, tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.x, axisLabel: { fontSize: 10 } },
      yAxis: { type: "value", axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: "#eef1f4" } },
               max: function (v) { return Math.max(v.max, data.target || 0); } },
      series: series
    });
    return chart;
  }

  function goTo(template, code) {
    if (code) window.location.href = template.replace("CODE", encodeURIComponent(code));
  }

  function districtBars(el, map) {
    var parts = map.parts.slice().sort(function (a, b) { return (a.value || 0) - (b.value || 0); });
    var chart = echarts.init(el);
    chart.setOption({
      grid: { left: 70, right: 30, top: 10, bottom: 20 }, tooltip: {},
      xAxis: { type: "value" }, yAxis: { type: "category", data: parts.map(function (p) { return p.name; }) },
      series: [{ type: "bar", itemStyle: { color: RED }, label: { show: true, position: "right" },
                 data: parts.map(function (p) { return { value: p.value, code: p.code }; }) }]
    });
    chart.on("click", function (e) { goTo(map.records, e.data && e.data.code); });
    return chart;
  }

  function districtMap(el, map) {
    var values = map.parts.map(function (p) { return p.value || 0; });
    return fetch(el.dataset.geojson).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (geo) {
      echarts.registerMap("xian", geo);
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: { trigger: "item", formatter: function (p) {
          return p.name + ": " + (p.value === undefined || isNaN(p.value) ? "—" : p.value) + " " + map.unit; } },
        visualMap: { min: 0, max: Math.max.apply(null, values.concat([1])), left: 8, bottom: 8, calculable: true,
                     inRange: { color: ["#fdecea", RED] }, textStyle: { fontSize: 10 } },
        series: [{ type: "map", map: "xian", roam: false, label: { show: true, fontSize: 10 },
                   emphasis: { label: { show: true } },
                   data: map.parts.map(function (p) { return { name: p.name, value: p.value, code: p.code }; }) }]
      });
      chart.on("click", function (e) { goTo(map.records, e.data && e.data.code); });
      return chart;
    }).catch(function () { return districtBars(el, map); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.period").forEach(showPeriodFields);
    var source = document.getElementById("cockpit-data");
    if (!source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent), charts = [];
    document.querySelectorAll(".trend-chart").forEach(function (el) {
      var d = data.trend[el.dataset.code];
      if (d && d.y.some(function (v) { return v !== null; })) charts.push(trend(el, d, data.labels));
    });
    var mapEl = document.getElementById("district-map");
    if (mapEl && data.map.parts.length) {
      districtMap(mapEl, data.map).then(function (c) { charts.push(c); mapEl.dataset.ready = "1"; });
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
