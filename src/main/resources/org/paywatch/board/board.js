// 县级驾驶舱: polls the board's JSON API every 5 s and draws it. No framework, no build step.
"use strict";

(function () {
  var COLORS = { RED: "#d9363e", YELLOW: "#f0b400", BLUE: "#1f6fd1", NONE: "#9aa4b1" };
  var LEVEL_NAMES = { RED: "红色", YELLOW: "黄色", BLUE: "蓝色", NONE: "无" };
  var LEVEL_BY_RANK = ["NONE", "BLUE", "YELLOW", "RED"];
  var TRANSITIONS = { RAISED: "触发", ESCALATED: "升级", DOWNGRADED: "降级", CLEARED: "解除", FOLLOW_UP: "跟进" };
  var STATUSES = {
    DELIVERED: "已送达", PARKED: "暂存待重试", UNREACHABLE: "无法送达", HELD: "暂缓", SENDING: "发送中",
    NOT_WANTED: "无需发送", DIGESTED: "已汇总", DEBOUNCED: "已合并", SUPERSEDED: "已被取代", SILENCED: "已静默"
  };
  var CHANNELS = { SMS: "短信", WEBHOOK: "接口推送" };
  // the alert figures (metric_*) most rules carry; a name not listed here is shown as it is
  var FIGURES = {
    daysPastDue: "逾期天数", unpaidWorkers: "欠薪人数", unpaidAmountFen: "未发金额", overdueFen: "逾期工资", overdueWorkers: "逾期人数",
    balanceFen: "专户余额", requiredFen: "应拨人工费", depositedFen: "已拨人工费", coverage: "到位率", shortfallFen: "差额",
    daysSinceDeparture: "退场天数", daysSinceDeposit: "距上次拨付天数", silentDays: "无考勤天数", unpaidPeriods: "未结清月数",
    paidWorkers: "代发人数", attendedWorkers: "出勤人数", unregisteredWorkers: "未实名人数", belowMinimumWorkers: "低于最低工资人数",
    outflowAmountFen: "转出金额", minimumWageFen: "最低工资标准", wageDepositFen: "工资保证金", progressPaymentFen: "工程款"
  };
  var REFRESH_MS = 5000;

  var state = { view: "overview", projectId: null, refreshes: 0, running: false, again: false, timer: null };
  var charts = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function yuan(fen) {
    if (fen === null || fen === undefined) { return "—"; }
    return (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function shortTime(iso) { return iso ? iso.replace("T", " ").substring(0, 16) : "—"; }

  function chip(level) { return el("span", LEVEL_NAMES[level] || "无", "chip " + (level || "NONE")); }

  function chart(id) {
    if (!charts[id] && window.echarts) {
      var c = window.echarts.init($(id));
      var setOption = c.setOption.bind(c);
      // Redrawn every few seconds: an animation on each redraw makes the board flicker (and a screenshot catch it half drawn).
      c.setOption = function (option, notMerge) { option.animation = false; return setOption(option, notMerge); };
      charts[id] = c;
    }
    return charts[id];
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var e = new Error(body.error || ("HTTP " + response.status));
          e.status = response.status;
          throw e;
        }
        return body;
      });
    });
  }

  function filterQuery() {
    var params = [];
    [["town", "filter-town"], ["department", "filter-department"], ["level", "filter-level"]].forEach(function (f) {
      var v = $(f[1]).value;
      if (v) { params.push(f[0] + "=" + encodeURIComponent(v)); }
    });
    return params.length ? "?" + params.join("&") : "";
  }

  // ------------------------------------------------------------------ routing

  function route() {
    var hash = window.location.hash || "#/";
    var project = /^#\/project\/(.+)$/.exec(hash);
    if (project) {
      state.view = "project";
      state.projectId = decodeURIComponent(project[1]);
    } else if (hash.indexOf("#/project") === 0) {
      state.view = "project";
    } else if (hash.indexOf("#/notifications") === 0) {
      state.view = "notifications";
    } else {
      state.view = "overview";
    }
    ["overview", "project", "notifications"].forEach(function (v) {
      $("view-" + v).hidden = v !== state.view;
      $("tab-" + v).classList.toggle("active", v === state.view);
    });
    // a chart drawn while its view was hidden has no size: give it the view's
    setTimeout(function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }, 0);
    if (state.projectId) { $("tab-project").setAttribute("href", "#/project/" + encodeURIComponent(state.projectId)); }
    refresh();
  }

  function openProject(projectId) { window.location.hash = "#/project/" + encodeURIComponent(projectId); }

  // ------------------------------------------------------------------ refresh

  function refresh() {
    document.body.dataset.ready = "false";
    if (state.running) { state.again = true; return; }
    state.running = true;
    clearTimeout(state.timer);
    var view = state.view;
    var work;
    if (view === "overview") {
      var q = filterQuery();
      work = Promise.all([fetchJson("api/overview" + q), fetchJson("api/levels-over-time" + q)]).then(function (r) {
        drawOverview(r[0]);
        drawLevelsOverTime(r[1]);
        stamp(r[0].asOf, r[0].readAt);
      });
    } else if (view === "project" && state.projectId) {
      work = fetchJson("api/projects/" + encodeURIComponent(state.projectId)).then(function (p) {
        drawProject(p);
        stamp(p.asOf, p.readAt);
      });
    } else if (view === "notifications") {
      work = fetchJson("api/notifications").then(function (n) {
        drawNotifications(n);
        stamp(null, n.readAt);
      });
    } else {
      work = Promise.resolve();
    }
    work.then(function () {
      $("banner-stale").hidden = true;
    }, function (e) {
      if (e.status === 404 && view === "project") {
        $("project-title").textContent = "项目 " + state.projectId + " 没有监测数据";
        $("banner-stale").hidden = true;
      } else {
        // keep what is shown; say that it is not fresh
        $("banner-stale").hidden = false;
        $("banner-stale").textContent = "数据源暂不可用：显示的是上次读取的数据，恢复后自动刷新。（" + e.message + "）";
      }
    }).then(function () {
      state.running = false;
      state.refreshes += 1;
      document.body.dataset.refreshes = String(state.refreshes);
      if (state.again) {
        state.again = false;
        refresh();
      } else {
        document.body.dataset.ready = "true";
        state.timer = setTimeout(refresh, REFRESH_MS);
      }
    });
  }

  function stamp(asOf, readAt) {
    if (asOf) { $("as-of").textContent = "数据截至 " + shortTime(asOf); }
    if (readAt) { $("read-at").textContent = "刷新于 " + readAt.replace("T", " ").substring(0, 19); }
  }

  // ------------------------------------------------------------------ overview

  function fillSelect(id, values) {
    var select = $(id);
    var chosen = select.value;
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; }).slice(1);
    if (known.join("\u0001") === values.join("\u0001")) { return; }
    while (select.options.length > 1) { select.remove(1); }
    values.forEach(function (v) {
      var o = el("option", v);
      o.value = v;
      select.appendChild(o);
    });
    select.value = values.indexOf(chosen) >= 0 ? chosen : "";
  }

  function drawOverview(o) {
    fillSelect("filter-town", o.towns || []);
    fillSelect("filter-department", o.departments || []);
    $("count-projects").textContent = o.counts.projects;
    $("count-red").textContent = o.counts.red;
    $("count-yellow").textContent = o.counts.yellow;
    $("count-blue").textContent = o.counts.blue;
    $("count-none").textContent = o.counts.none;
    $("overdue-yuan").textContent = yuan(o.overdueFen);
    $("unpaid-workers").textContent = o.unpaidWorkers;
    drawLevelBars("chart-towns", o.byTown.map(function (t) { return t.town; }), o.byTown);
    drawLevelBars("chart-departments", o.byDepartment.map(function (d) { return d.department; }), o.byDepartment);
    drawRanking(o.ranking);
    drawRecent(o.recent);
  }

  function drawLevelBars(id, names, rows) {
    var c = chart(id);
    if (!c) { return; }
    var series = ["RED", "YELLOW", "BLUE", "NONE"].map(function (level) {
      return {
        name: LEVEL_NAMES[level], type: "bar", stack: "projects", color: COLORS[level],
        data: rows.map(function (r) { return r[level.toLowerCase()]; })
      };
    });
    c.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { data: series.map(function (s) { return s.name; }) },
      grid: { left: 40, right: 10, bottom: 60, top: 30 },
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: "项目数", minInterval: 1 },
      series: series
    }, true);
  }

  function drawLevelsOverTime(l) {
    var c = chart("chart-levels-over-time");
    if (!c) { return; }
    c.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["红色", "黄色", "蓝色"] },
      grid: { left: 40, right: 10, bottom: 30, top: 30 },
      xAxis: { type: "category", data: l.days },
      yAxis: { type: "value", name: "未解除预警", minInterval: 1 },
      series: [
        { name: "红色", type: "line", stack: "open", areaStyle: {}, symbol: "none", color: COLORS.RED, data: l.red },
        { name: "黄色", type: "line", stack: "open", areaStyle: {}, symbol: "none", color: COLORS.YELLOW, data: l.yellow },
        { name: "蓝色", type: "line", stack: "open", areaStyle: {}, symbol: "none", color: COLORS.BLUE, data: l.blue }
      ]
    }, true);
  }

  function row(cells) {
    var tr = el("tr");
    cells.forEach(function (cell) {
      var td = el("td");
      if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell === null || cell === undefined ? "—" : cell; }
      tr.appendChild(td);
    });
    return tr;
  }

  function projectRow(projectId, cells) {
    var tr = row(cells);
    tr.dataset.projectId = projectId;
    tr.addEventListener("click", function () { openProject(projectId); });
    return tr;
  }

  function replaceRows(tableId, rows) {
    var body = $(tableId).tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function drawRanking(ranking) {
    replaceRows("ranking", ranking.map(function (r) {
      return projectRow(r.projectId, [r.projectName + "（" + r.projectId + "）", r.town, r.department, chip(r.level),
        r.openRules.join("、"), r.unpaidWorkers, yuan(r.overdueFen), r.daysOpen === null ? "—" : r.daysOpen]);
    }));
    $("ranking-empty").hidden = ranking.length > 0;
  }

  function drawRecent(recent) {
    replaceRows("recent", recent.map(function (t) {
      return projectRow(t.projectId, [shortTime(t.time), t.projectName, t.ruleId + " " + (t.ruleName || ""), chip(t.level),
        TRANSITIONS[t.transition] || t.transition, t.message]);
    }));
  }

  // ------------------------------------------------------------------ one project

  function drawProject(p) {
    $("project-title").textContent = p.projectName + "（" + p.projectId + "）";
    var level = $("project-level");
    level.textContent = LEVEL_NAMES[p.level] || "无";
    level.className = "chip " + p.level;
    $("project-facts").textContent = "属地：" + p.town + "　主管部门：" + p.department + "　欠薪人数：" + p.unpaidWorkers
      + "　逾期工资：" + yuan(p.overdueFen) + " 元　专户余额：" + yuan(p.balanceFen) + " 元";

    var lc = chart("chart-project-level");
    if (lc) {
      lc.setOption({
        tooltip: { trigger: "axis", formatter: function (ps) { return shortTime(ps[0].value[0]) + " " + LEVEL_NAMES[LEVEL_BY_RANK[ps[0].value[1]]]; } },
        grid: { left: 50, right: 10, bottom: 30, top: 20 },
        xAxis: { type: "time" },
        yAxis: { type: "value", min: 0, max: 3, interval: 1, axisLabel: { formatter: function (v) { return LEVEL_NAMES[LEVEL_BY_RANK[v]]; } } },
        // A step line over bands of the level colours: a visualMap of exact values leaves a step line undrawn.
        series: [{ type: "line", step: "end", symbol: "none", color: "#33475b", lineStyle: { width: 2 },
          data: p.levels.map(function (l) { return [l.time, l.level]; }),
          markArea: { silent: true, data: [
            [{ yAxis: 0.5, itemStyle: { color: COLORS.BLUE, opacity: 0.12 } }, { yAxis: 1.5 }],
            [{ yAxis: 1.5, itemStyle: { color: COLORS.YELLOW, opacity: 0.15 } }, { yAxis: 2.5 }],
            [{ yAxis: 2.5, itemStyle: { color: COLORS.RED, opacity: 0.12 } }, { yAxis: 3 }]] } }]
      }, true);
    }
    var months = p.months.map(function (m) { return m.month; });
    var cc = chart("chart-project-coverage");
    if (cc) {
      var first = p.months.length ? p.months[0] : {};
      var lines = [];
      if (first.blueBelowCoverage != null) { lines.push({ yAxis: first.blueBelowCoverage * 100, name: "蓝色线", lineStyle: { color: COLORS.BLUE } }); }
      if (first.yellowBelowCoverage != null) { lines.push({ yAxis: first.yellowBelowCoverage * 100, name: "黄色线", lineStyle: { color: COLORS.YELLOW } }); }
      cc.setOption({
        title: p.months.length ? { text: first.laborCostRatio != null ? "人工费比例 " + Math.round(first.laborCostRatio * 100) + "%" : "", textStyle: { fontSize: 12 }, right: 10 }
          : { text: "暂无按月数据", left: "center", top: "middle", textStyle: { color: "#9aa4b1", fontSize: 14 } },
        tooltip: { trigger: "axis" },
        grid: { left: 50, right: 40, bottom: 30, top: 30 },
        xAxis: { type: "category", data: months },
        yAxis: { type: "value", name: "到位率 %" },
        series: [{ name: "到位率", type: "bar", color: COLORS.BLUE,
          data: p.months.map(function (m) { return m.coverage == null ? null : Math.round(m.coverage * 1000) / 10; }),
          markLine: { symbol: "none", data: lines } }]
      }, true);
    }
    var dc = chart("chart-project-delay");
    if (dc) {
      dc.setOption({
        title: p.months.length ? { text: "" } : { text: "暂无按月数据", left: "center", top: "middle", textStyle: { color: "#9aa4b1", fontSize: 14 } },
        tooltip: { trigger: "axis" },
        grid: { left: 50, right: 10, bottom: 30, top: 30 },
        xAxis: { type: "category", data: months },
        yAxis: { type: "value", name: "逾期天数", minInterval: 1 },
        series: [{ name: "逾期天数", type: "bar", color: COLORS.RED, data: p.months.map(function (m) { return m.daysPastDue; }) }]
      }, true);
    }
    var mc = chart("chart-project-money");
    if (mc) {
      function yuanSeries(field) { return p.money.map(function (m) { return [m.time, m[field] == null ? null : m[field] / 100]; }); }
      mc.setOption({
        tooltip: { trigger: "axis" },
        legend: { data: ["逾期工资(元)", "专户余额(元)", "欠薪人数"] },
        grid: { left: 70, right: 50, bottom: 30, top: 40 },
        xAxis: { type: "time" },
        yAxis: [{ type: "value", name: "元" }, { type: "value", name: "人", minInterval: 1 }],
        series: [
          { name: "逾期工资(元)", type: "line", step: "end", symbol: "none", color: COLORS.RED, data: yuanSeries("overdueFen") },
          { name: "专户余额(元)", type: "line", step: "end", symbol: "none", color: COLORS.BLUE, data: yuanSeries("balanceFen") },
          { name: "欠薪人数", type: "line", step: "end", symbol: "none", yAxisIndex: 1, color: COLORS.YELLOW,
            data: p.money.map(function (m) { return [m.time, m.unpaidWorkers]; }) }
        ]
      }, true);
    }
    var list = $("project-timeline");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    p.alerts.forEach(function (a) {
      var li = el("li", null, "timeline-entry");
      li.style.borderLeftColor = COLORS[a.level] || COLORS.NONE;
      var head = el("div", null, "when");
      head.appendChild(el("span", shortTime(a.time) + " "));
      head.appendChild(chip(a.level));
      head.appendChild(el("span", " 规则 " + a.ruleId + " " + (a.ruleName || "") + " · " + (TRANSITIONS[a.transition] || a.transition)));
      li.appendChild(head);
      li.appendChild(el("div", a.message, "message"));
      li.appendChild(el("div", "依据：" + (a.basis || "—"), "meta"));
      var figures = Object.keys(a.metrics || {}).map(function (k) {
        var value = /Fen$/.test(k) ? yuan(a.metrics[k]) + " 元" : a.metrics[k];
        return (FIGURES[k] || k) + " " + value;
      }).join("，");
      if (figures) { li.appendChild(el("div", "数据：" + figures, "meta")); }
      li.appendChild(el("div", "接收单位：" + (a.recipients || "—"), "meta"));
      list.appendChild(li);
    });
    if (!p.alerts.length) { list.appendChild(el("li", "该项目没有预警记录。", "empty")); }
  }

  // ------------------------------------------------------------------ notifications

  function drawNotifications(n) {
    var statuses = Object.keys(n.byStatus || {});
    var head = $("notifications-by-unit").tHead;
    while (head.firstChild) { head.removeChild(head.firstChild); }
    var hr = el("tr");
    hr.appendChild(el("th", "接收单位"));
    statuses.forEach(function (s) { hr.appendChild(el("th", STATUSES[s] || s, "num")); });
    head.appendChild(hr);
    replaceRows("notifications-by-unit", n.byUnit.map(function (u) {
      var tr = el("tr");
      tr.appendChild(el("td", u.unit));
      statuses.forEach(function (s) { tr.appendChild(el("td", u[s] || 0, "num")); });
      return tr;
    }));
    if (!n.byUnit.length) { replaceRows("notifications-by-unit", [row(["尚无通知记录（通知分发未运行或未写入）。"])]); }
    replaceRows("notifications-recent", n.recent.map(function (r) {
      var cells = [shortTime(r.time), r.unit, CHANNELS[r.channel] || r.channel || "—", chip(r.level), STATUSES[r.status] || r.status,
        r.projectId || "汇总", r.ruleId || "—", TRANSITIONS[r.transition] || r.transition || "—", r.attempts, r.reason || ""];
      return r.projectId ? projectRow(r.projectId, cells) : row(cells); // a digest names no one project
    }));
  }

  // ------------------------------------------------------------------ start

  ["filter-town", "filter-department", "filter-level"].forEach(function (id) { $(id).addEventListener("change", refresh); });
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { refresh(); } });
  route();
})();
