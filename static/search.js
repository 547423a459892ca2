/* The search page (templates/search.html). Loads search/index.js (layout: zwgk/search.py) and,
   as the reader types or picks a filter, lists the matching tasks best first, the matched words
   marked, keeping q, category and unit in the URL. Without this script the page lists every task
   (up to 200 of them) and points to the category and unit pages.

   Matching: the query is split at spaces into terms and a task matches when every term does.
   A term matches by substring, after fold(), in the task's text, its category's name, or the
   names and aliases of its units; its synonyms (data/synonyms.yaml) match too; "30" and "第30项"
   also match task 30 by number. Each term counts where it matched best (number 8, text 4,
   category 2, unit 1); results are ordered by the sum, then by task number.
   Data reaches the page only as text nodes, never as HTML. Plain ES5, no library. */
(function () {
  "use strict";

  var PAGE_SIZE = 50;
  var SETTLE_DELAY = 500; // ms without typing before the count is announced and the URL updated
  var MAX_QUERY = 100; // characters of a query that are used
  var WEIGHT = { number: 8, text: 4, category: 2, unit: 1 };
  var NUMBER_TERM = /^第?(\d+)项?$/;
  var NEEDS_FOLD = /[\sA-Z\uff01-\uff5e]/;
  var SPACE = /\s/;

  var form = document.querySelector("form[data-module='search']");
  if (!form || !document.createDocumentFragment) return;

  var input = form.querySelector("input[name='q']");
  var categorySelect = form.querySelector("select[name='category']");
  var unitSelect = form.querySelector("select[name='unit']");
  var statusSelect = form.querySelector("select[name='status']"); /* only with progress data (落实情况) */
  var filters = form.querySelector("[data-search-filters]");
  var noScriptNote = document.querySelector("[data-search-nojs]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.querySelector("[data-search-more]");
  var moreButton = more.querySelector("button");
  var base = form.getAttribute("data-base");
  var suggestion = element("p", "", "search-page__suggest");
  var pageTitle = document.title; // 「搜索 - 站名」
  var titleSuffix = pageTitle.indexOf(" - ") >= 0 ? pageTitle.slice(pageTitle.indexOf(" - ")) : "";

  var index = null; // the prepared index
  var shown = { results: [], terms: [], unit: -1, count: 0 };
  var announceTimer = null;
  var composing = false;

  /* --- text ------------------------------------------------------------------------------ */

  /* Text as matched (zwgk.search.fold does the same): full-width ASCII as half-width, A-Z as
     a-z, whitespace removed. map[i] is the position in text of the i-th folded character. */
  function fold(text) {
    if (!NEEDS_FOLD.test(text)) return { text: text, map: null };
    var chars = [], map = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (SPACE.test(text.charAt(i))) continue;
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      if (code >= 65 && code <= 90) code += 32;
      chars.push(String.fromCharCode(code));
      map.push(i);
    }
    return { text: chars.join(""), map: map };
  }

  /* Append text to parent, each stretch that matches one of needles (folded) in a <mark>.
     Returns whether anything was marked. */
  function appendMarked(parent, text, needles) {
    var folded = fold(text), ranges = [];
    for (var n = 0; n < needles.length; n++) {
      var from = 0, at;
      while ((at = folded.text.indexOf(needles[n], from)) >= 0) {
        ranges.push([at, at + needles[n].length]);
        from = at + needles[n].length;
      }
    }
    if (!ranges.length) {
      parent.appendChild(document.createTextNode(text));
      return false;
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var done = 0;
    for (var r = 0; r < ranges.length; r++) {
      var start = ranges[r][0], end = ranges[r][1];
      while (r + 1 < ranges.length && ranges[r + 1][0] <= end) end = Math.max(end, ranges[++r][1]);
      if (folded.map) {
        start = folded.map[start];
        end = folded.map[end - 1] + 1;
      }
      if (start > done) parent.appendChild(document.createTextNode(text.slice(done, start)));
      parent.appendChild(element("mark", text.slice(start, end)));
      done = end;
    }
    if (done < text.length) parent.appendChild(document.createTextNode(text.slice(done)));
    return true;
  }

  function element(name, text, className) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /* --- the index ------------------------------------------------------------------------- */

  /* The index as objects, with each task's folded haystack: text, category, unit names. */
  function prepare(data) {
    var categories = data.categories.map(function (c) {
      return { id: c[0], name: c[1], key: fold(c[1]).text };
    });
    var units = data.units.map(function (u) {
      var names = [u[1]].concat(u[2]);
      return { id: u[0], name: u[1], aliases: u[2], memberOf: u[3], key: names.map(function (name) { return fold(name).text; }).join("\n") };
    });
    var tasks = data.tasks.map(function (t) {
      var task = { number: t[0], category: t[1], text: t[2], shortText: t[4], deadline: t[5], units: [], roles: [], status: t.length > 6 ? t[6] : -1 };
      var text = fold(t[2]).text, unitKeys = [];
      for (var i = 0; i < t[3].length; i += 2) {
        task.units.push(t[3][i]);
        task.roles.push(t[3][i + 1]);
        unitKeys.push(units[t[3][i]].key);
      }
      task.textEnd = text.length;
      task.categoryEnd = text.length + 1 + categories[t[1]].key.length;
      task.hay = text + "\n" + categories[t[1]].key + "\n" + unitKeys.join("\n");
      return task;
    });
    var categoryIds = {}, unitIds = {}, unitNames = {}, statusIds = {}, statuses = data.statuses || [];
    categories.forEach(function (c, i) { categoryIds[c.id] = i; });
    statuses.forEach(function (s, i) { statusIds[s[0]] = i; });
    units.forEach(function (u, i) {
      unitIds[u.id] = i;
      u.key.split("\n").forEach(function (name) { unitNames[name] = i; });
    });
    return { roles: data.roles, categories: categories, units: units, tasks: tasks, synonyms: data.synonyms,
             categoryIds: categoryIds, unitIds: unitIds, unitNames: unitNames, statuses: statuses, statusIds: statusIds };
  }

  /* --- matching -------------------------------------------------------------------------- */

  /* The query's terms: each {alternatives: folded strings any of which may match, number}. */
  function parseQuery(query) {
    var words = query.slice(0, MAX_QUERY).split(/\s+/), terms = [], seen = {};
    for (var i = 0; i < words.length; i++) {
      var word = fold(words[i]).text;
      if (!word || seen.hasOwnProperty(word)) continue;
      seen[word] = true;
      var number = NUMBER_TERM.exec(word);
      terms.push({ alternatives: widen(word), number: number ? parseInt(number[1], 10) : 0 });
    }
    return terms;
  }

  /* The word and its spellings with a synonym in place of each synonym it contains. */
  function widen(word) {
    var alternatives = [word];
    index.synonyms.forEach(function (group) {
      group.forEach(function (synonym) {
        if (word.indexOf(synonym) < 0) return;
        group.forEach(function (other) {
          var alternative = word.split(synonym).join(other);
          if (alternatives.indexOf(alternative) < 0) alternatives.push(alternative);
        });
      });
    });
    return alternatives;
  }

  /* How well the task matches all terms: 0 if some term does not match. */
  function score(task, terms) {
    var total = 0;
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], best = term.number === task.number ? WEIGHT.number : 0;
      for (var a = 0; a < term.alternatives.length && best < WEIGHT.text; a++) {
        var at = task.hay.indexOf(term.alternatives[a]);
        if (at < 0) continue;
        var weight = at < task.textEnd ? WEIGHT.text : at < task.categoryEnd ? WEIGHT.category : WEIGHT.unit;
        if (weight > best) best = weight;
      }
      if (!best) return 0;
      total += best;
    }
    return total || 1;
  }

  /* The collective terms through which the task reaches the unit ([] if it names the unit itself,
     null if it does not reach it at all): the same rule as the unit pages (zwgk.pages.build_index). */
  function reach(task, unit) {
    if (task.units.indexOf(unit) >= 0) return [];
    var via = index.units[unit].memberOf.filter(function (term) { return task.units.indexOf(term) >= 0; });
    return via.length ? via : null;
  }

  /* The matching tasks, best first: [{task, score, via}]. */
  function search(terms, category, unit, status) {
    var results = [];
    for (var i = 0; i < index.tasks.length; i++) {
      var task = index.tasks[i];
      if (category >= 0 && task.category !== category) continue;
      if (status >= 0 && task.status !== status) continue;
      var via = unit >= 0 ? reach(task, unit) : [];
      if (!via) continue;
      var points = score(task, terms);
      if (points) results.push({ task: task, score: points, via: via });
    }
    return results.sort(function (a, b) { return b.score - a.score || a.task.number - b.task.number; });
  }

  /* --- showing results ------------------------------------------------------------------- */

  function needlesOf(terms) {
    var needles = [];
    terms.forEach(function (term) { needles.push.apply(needles, term.alternatives); });
    return needles;
  }

  /* One result, built like templates/partials/task_card.html. */
  function resultItem(result, terms, needles, unit) {
    var task = result.task, category = index.categories[task.category];
    var article = element("article", "", "task-card");
    article.setAttribute("aria-labelledby", "task-" + task.number + "-title");
    var heading = element("h2", "", "task-card__title");
    heading.id = "task-" + task.number + "-title";
    var link = element("a");
    link.href = base + "tasks/" + task.number + "/index.html";
    var numberMatched = terms.some(function (term) { return term.number === task.number; });
    link.appendChild(numberMatched ? element("mark", "第" + task.number + "项") : document.createTextNode("第" + task.number + "项"));
    link.appendChild(document.createTextNode("："));
    appendMarked(link, task.shortText, needles);
    heading.appendChild(link);
    appendMarked(heading.appendChild(element("span", "", "task-card__category")), category.name, needles);
    article.appendChild(heading);
    appendMarked(article.appendChild(element("p", "", "task-card__text")), task.text, needles);
    if (result.via.length) article.appendChild(viaNote(result.via, unit));
    var meta = article.appendChild(element("dl", "", "task-card__meta"));
    meta.appendChild(element("dt", "责任单位"));
    meta.appendChild(element("dd")).appendChild(unitList(task, needles));
    if (task.deadline.length) {
      meta.appendChild(element("dt", "完成时限"));
      var time = meta.appendChild(element("dd")).appendChild(element("time", task.deadline[1]));
      time.setAttribute("datetime", task.deadline[0]);
    }
    if (task.status >= 0) meta.appendChild(statusTerm(index.statuses[task.status]));
    var item = element("li");
    item.appendChild(article);
    return item;
  }

  /* A task's status as templates/partials/progress_status.html shows it: [id, label, shape]. */
  function statusTerm(status) {
    var fragment = document.createDocumentFragment();
    fragment.appendChild(element("dt", "落实状态"));
    var badge = fragment.appendChild(element("dd")).appendChild(element("span", "", "status status--" + status[0]));
    badge.appendChild(element("span", status[2], "status__icon")).setAttribute("aria-hidden", "true");
    badge.appendChild(document.createTextNode(status[1]));
    return fragment;
  }

  function viaNote(via, unit) {
    var names = via.map(function (term) { return "“" + index.units[term].name + "”"; });
    return element("p", "通过" + names.join("、") + "涉及" + index.units[unit].name + "（未直接点名）", "search-result__via");
  }

  function unitList(task, needles) {
    var units = element("ul", "", "unit-roles");
    task.units.forEach(function (position, i) {
      var unit = index.units[position], item = element("li"), link = element("a");
      link.href = base + "units/" + unit.id + "/index.html";
      var marked = appendMarked(link, unit.name, needles);
      item.appendChild(link);
      for (var a = 0; a < unit.aliases.length && !marked; a++) {
        var alias = element("span", "", "search-result__alias");
        if (appendMarked(alias, unit.aliases[a], needles)) {
          alias.insertBefore(document.createTextNode("（"), alias.firstChild);
          alias.appendChild(document.createTextNode("）"));
          item.appendChild(alias);
          marked = true;
        }
      }
      index.roles.forEach(function (role, bit) {
        if (task.roles[i] & (1 << bit)) {
          item.appendChild(document.createTextNode(" "));
          item.appendChild(element("span", role[1], "role role--" + role[0]));
        }
      });
      units.appendChild(item);
    });
    return units;
  }

  /* Show results from position `from` on, one page of them; returns the first new link. */
  function showPage(from) {
    var fragment = document.createDocumentFragment(), needles = needlesOf(shown.terms);
    var end = Math.min(from + PAGE_SIZE, shown.results.length);
    for (var i = from; i < end; i++) fragment.appendChild(resultItem(shown.results[i], shown.terms, needles, shown.unit));
    var first = fragment.querySelector ? fragment.querySelector("a") : null;
    list.appendChild(fragment);
    shown.count = end;
    var rest = shown.results.length - end;
    more.hidden = rest <= 0;
    moreButton.textContent = "显示更多结果（已显示 " + end + " 项，还有 " + rest + " 项）";
    return first;
  }

  function statusText(total, active) {
    if (!active) return "共 " + total + " 项任务。";
    if (!total) return "找到 0 项任务。可以减少或换用其他的词，或取消筛选。";
    return "找到 " + total + " 项任务。";
  }

  /* If the query names a unit in full and some tasks reach that unit only through collective terms
     (统称), which a text search cannot see: say how many, and link to the unit's filter.
     Returns what the status message adds ("" when there is no such unit). */
  function suggestUnitFilter(terms, unit) {
    suggestion.textContent = "";
    suggestion.hidden = true;
    for (var t = 0; t < terms.length; t++) {
      var named = terms[t].alternatives[0];
      if (!index.unitNames.hasOwnProperty(named) || index.unitNames[named] === unit) continue;
      var all = search([], -1, index.unitNames[named]), throughTerms = [], extra = 0;
      all.forEach(function (result) {
        if (result.via.length) extra++;
        result.via.forEach(function (term) {
          var name = "“" + index.units[term].name + "”";
          if (throughTerms.indexOf(name) < 0) throughTerms.push(name);
        });
      });
      if (!extra) continue;
      var found = index.units[index.unitNames[named]];
      var sentence = found.name + "还通过" + throughTerms.join("、") + "承担另外 " + extra + " 项任务，这些任务的责任单位中没有写它的名字。";
      suggestion.appendChild(document.createTextNode(sentence));
      var link = suggestion.appendChild(element("a", "查看" + found.name + "的全部 " + all.length + " 项任务"));
      link.href = base + "search/index.html?unit=" + encodeURIComponent(found.id);
      suggestion.hidden = false;
      return sentence + "结果下方有链接，可查看它的全部 " + all.length + " 项任务。";
    }
    return "";
  }

  /* --- the page's state: the form and the URL -------------------------------------------- */

  function readUrl() {
    var values = {}, pairs = location.search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].split("="), key = pair[0], value = pair.slice(1).join("=");
      try {
        values[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, " "));
      } catch (error) { /* a malformed parameter is ignored */ }
    }
    input.value = values.q || "";
    selectValue(categorySelect, values.category);
    selectValue(unitSelect, values.unit);
    if (statusSelect) selectValue(statusSelect, values.status);
  }

  function selectValue(select, value) {
    select.value = value || "";
    if (select.selectedIndex < 0) select.value = "";
  }

  function writeUrl(query) {
    if (!window.history || !history.replaceState) return;
    var parts = [];
    if (query) parts.push("q=" + encodeURIComponent(query));
    if (categorySelect.value) parts.push("category=" + encodeURIComponent(categorySelect.value));
    if (unitSelect.value) parts.push("unit=" + encodeURIComponent(unitSelect.value));
    if (statusSelect && statusSelect.value) parts.push("status=" + encodeURIComponent(statusSelect.value));
    history.replaceState(null, "", location.pathname + (parts.length ? "?" + parts.join("&") : ""));
  }

  /* Search with what the form holds now; show it, and announce the count now or once typing stops. */
  function update(announceNow) {
    var query = input.value.replace(/^\s+|\s+$/g, "");
    var terms = parseQuery(query);
    var category = categorySelect.value ? index.categoryIds[categorySelect.value] : -1;
    var unit = unitSelect.value ? index.unitIds[unitSelect.value] : -1;
    var statusFilter = statusSelect && statusSelect.value in index.statusIds ? index.statusIds[statusSelect.value] : -1;
    shown = { results: search(terms, category, unit, statusFilter), terms: terms, unit: unit, count: 0 };
    list.textContent = "";
    showPage(0);
    var hint = suggestUnitFilter(terms, unit);
    var filtered = category >= 0 || unit >= 0 || statusFilter >= 0;
    var text = statusText(shown.results.length, terms.length > 0 || filtered) + hint;
    var title = titleText(query, filtered, shown.results.length);
    clearTimeout(announceTimer);
    if (announceNow) settle(query, text, title);
    else announceTimer = setTimeout(function () { settle(query, text, title); }, SETTLE_DELAY);
  }

  /* The page title for a search: 「“政数局”的搜索结果（16项）- 站名」; the page's own without one. */
  function titleText(query, filtered, total) {
    if (!query && !filtered) return pageTitle;
    return (query ? "“" + query + "”的搜索结果" : "筛选结果") + "（" + total + "项）" + titleSuffix;
  }

  /* Announce the count, title the page and put the search in the URL (once typing stops: all
     three are slow to repeat). */
  function settle(query, text, title) {
    status.textContent = text;
    document.title = title;
    writeUrl(query);
  }

  function start(data) {
    index = prepare(data);
    filters.hidden = false;
    suggestion.hidden = true;
    status.parentNode.insertBefore(suggestion, status.nextSibling);
    noScriptNote.hidden = true;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(true);
    });
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () {
      composing = false;
      update(false);
    });
    input.addEventListener("input", function () {
      if (!composing) update(false);
    });
    categorySelect.addEventListener("change", function () { update(true); });
    unitSelect.addEventListener("change", function () { update(true); });
    if (statusSelect) statusSelect.addEventListener("change", function () { update(true); });
    moreButton.addEventListener("click", function () {
      var first = showPage(shown.count);
      if (first) first.focus();
    });
    update(true);
  }

  function loadFailed() {
    status.textContent = "搜索索引载入失败，暂时无法筛选。下面列出全部任务；请稍后刷新页面重试。";
  }

  /* The index is a script (search/index.js) that sets window.zwgkSearchIndex: unlike a request for
     JSON, a script also loads when the site is opened from a disk (file://), and the CSP allows it. */
  function loadIndex() {
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () {
      if (window.zwgkSearchIndex) start(window.zwgkSearchIndex);
      else loadFailed();
    };
    script.onerror = loadFailed;
    document.head.appendChild(script);
  }

  readUrl();
  loadIndex();
})();
