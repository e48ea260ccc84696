/* The form to fill in a scheda or a polo (pages compila/scheda/ and compila/polo/).

   The controls and their constraints are generated from the schema by
   scripts/rete/render/form.py; this script explains mistakes in Italian (the
   GOV.UK error summary pattern), keeps what was typed in localStorage, loads a
   published scheda to correct it, and writes the file with reteYaml.dump.
   Nothing is sent anywhere: the file is made in the browser. */
(function () {
  "use strict";

  var form = document.getElementById("rete-modulo");
  if (!form) return;
  var cfg = JSON.parse(document.getElementById("rete-modulo-dati").textContent);
  var summary = document.getElementById("rete-riepilogo");
  var status = document.getElementById("rete-stato");
  var preview = document.getElementById("rete-anteprima");
  var title = document.title;
  var params = new URLSearchParams(location.search);
  var slug = params.get("correggi");
  if (slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) slug = null;
  var correction = null;  // {nome, percorso, dati, corpo} of the file being corrected
  var KEY = "rete-compila-" + cfg.tipo + (slug ? "-" + slug : "");
  var order = {};  // list name -> the ids in the order the file had them

  // --- Repeated groups (materiali, servizi, attivita) ----------------------------

  function groups() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-ripetuto]"));
  }

  function items(group) {
    return Array.prototype.slice.call(group.querySelector(".rete-voci").children);
  }

  function addItem(group) {
    var n = items(group).length;
    var html = group.querySelector("template").innerHTML
      .split("__N__").join(String(n)).split("__M__").join(String(n + 1));
    var holder = document.createElement("template");
    holder.innerHTML = html;
    group.querySelector(".rete-voci").appendChild(holder.content);
    return items(group)[n];
  }

  function itemValues(group) {
    var prefix = group.getAttribute("data-ripetuto") + ".";
    return items(group).map(function (item, n) {
      var values = {};
      controls(item).forEach(function (el) {
        values[el.name.slice((prefix + n + ".").length)] = read(el.name, item);
      });
      return values;
    });
  }

  function setItems(group, list) {
    var prefix = group.getAttribute("data-ripetuto") + ".";
    group.querySelector(".rete-voci").innerHTML = "";
    list.forEach(function (values, n) {
      var item = addItem(group);
      Object.keys(values).forEach(function (key) {
        write(prefix + n + "." + key, values[key], item);
      });
    });
  }

  function removeItem(group, item) {
    var list = itemValues(group);
    var n = items(group).indexOf(item);
    list.splice(n, 1);
    setItems(group, list);
    var left = items(group);
    var next = left[Math.min(n, left.length - 1)];
    (next ? next.querySelector("input, select, textarea") :
      group.querySelector(".rete-aggiungi")).focus();
    save();
  }

  // --- Reading and writing controls by name ------------------------------------

  function controls(scope) {
    return Array.prototype.slice.call((scope || form).querySelectorAll(
      "input[name], select[name], textarea[name]"));
  }

  function named(name, scope) {
    return Array.prototype.slice.call((scope || form).querySelectorAll(
      "[name=\"" + CSS.escape(name) + "\"]"));
  }

  function read(name, scope) {
    var els = named(name, scope);
    if (!els.length) return "";
    if (els[0].type === "checkbox") {
      return els.filter(function (e) { return e.checked; }).map(function (e) { return e.value; });
    }
    return els[0].value;
  }

  function write(name, value, scope) {
    var els = named(name, scope);
    if (!els.length) return;
    if (els[0].type === "checkbox") {
      var wanted = (Array.isArray(value) ? value : [value]).map(String);
      els.forEach(function (e) { e.checked = wanted.indexOf(e.value) >= 0; });
    } else {
      els[0].value = value === undefined || value === null ? "" : String(value);
    }
  }

  // --- Form -> data, in the schema's order (writer.dump orders the same way) ----

  function isEmpty(v) {
    return v === undefined || (Array.isArray(v) && !v.length) ||
      (typeof v === "object" && v !== null && !Array.isArray(v) && !Object.keys(v).length);
  }

  function collect(node, prefix) {
    var out = {};
    Object.keys(node.properties || {}).forEach(function (key) {
      var v = valueOf(node.properties[key], prefix ? prefix + "." + key : key);
      if (!isEmpty(v)) out[key] = v;
    });
    return out;
  }

  function convert(node, text) {
    if (node.type === "integer" || node.type === "number") return Number(text);
    if (node.type === "boolean") return text === "true";
    return text;
  }

  function valueOf(node, name) {
    if (node.type === "object") return collect(node, name);
    if (node.type === "array") {
      var inner = node.items || {};
      if (inner.type === "object") {
        var group = form.querySelector("[data-ripetuto=\"" + CSS.escape(name) + "\"]");
        return items(group).map(function (item, n) {
          return collect(inner, name + "." + n);
        }).filter(function (v) { return !isEmpty(v); });
      }
      var els = named(name);
      var list;
      if (els.length && els[0].type === "checkbox") {
        var before = order[name] || [];
        list = read(name).map(function (v, n) {
          var at = before.indexOf(v);
          return [at < 0 ? before.length + n : at, v];
        }).sort(function (a, b) { return a[0] - b[0]; }).map(function (p) { return p[1]; });
      } else {
        list = read(name).split("\n").map(function (s) { return s.trim(); })
          .filter(Boolean);
      }
      return list.map(function (v) { return convert(inner, v); });
    }
    var text = read(name);
    if (typeof text !== "string" || !text.trim()) return undefined;
    return convert(node, text);
  }

  function trimBreaks(text) {
    return text.replace(/\r\n?/g, "\n").replace(/^\n+|\n+$/g, "");
  }

  function body() {
    var parts = [];
    cfg.sezioni.forEach(function (section) {
      var text = read("corpo." + section);
      if (text.trim()) parts.push("## " + section + "\n\n" + trimBreaks(text));
    });
    var other = read(cfg.altro);
    if (other.trim()) parts.push(trimBreaks(other));
    return parts.join("\n\n");
  }

  /* The body back into the section textareas; text before the first section, unknown
     or repeated sections go, in their order, to the last textarea ("Altro testo"). */
  function splitBody(text) {
    var chunks = [{title: null, heading: "", lines: []}];
    trimBreaks(text || "").split("\n").forEach(function (line) {
      var m = /^## (.+?)[ \t]*$/.exec(line);
      if (m) chunks.push({title: m[1], heading: line, lines: []});
      else chunks[chunks.length - 1].lines.push(line);
    });
    var known = {}, other = [];
    chunks.forEach(function (c) {
      var inner = trimBreaks(c.lines.join("\n"));
      if (c.title !== null && cfg.sezioni.indexOf(c.title) >= 0 && !(c.title in known)) {
        known[c.title] = inner;
      } else {
        var piece = c.heading ? c.heading + (inner ? "\n\n" + inner : "") : inner;
        if (piece) other.push(piece);
      }
    });
    return {known: known, other: other.join("\n\n")};
  }

  function fill(data, text) {
    function walk(node, value, prefix) {
      Object.keys(node.properties || {}).forEach(function (key) {
        var sub = node.properties[key], v = value[key];
        var name = prefix ? prefix + "." + key : key;
        if (v === undefined || v === null) return;
        if (sub.type === "object") return walk(sub, v, name);
        if (sub.type === "array" && (sub.items || {}).type === "object") {
          var group = form.querySelector("[data-ripetuto=\"" + CSS.escape(name) + "\"]");
          group.querySelector(".rete-voci").innerHTML = "";
          v.forEach(function (item, n) {
            addItem(group);
            walk(sub.items, item, name + "." + n);
          });
          return;
        }
        if (sub.type === "array") {
          var els = named(name);
          if (els.length && els[0].type === "checkbox") {
            order[name] = v.map(String);
            return write(name, v);
          }
          return write(name, v.join("\n"));
        }
        write(name, v);
      });
    }
    walk(cfg.schema, data || {}, "");
    var parts = splitBody(text);
    cfg.sezioni.forEach(function (s) { write("corpo." + s, parts.known[s] || ""); });
    write(cfg.altro, parts.other);
  }

  // --- What was typed survives a reload --------------------------------------------

  function snapshot() {
    var counts = {}, values = {};
    groups().forEach(function (g) { counts[g.getAttribute("data-ripetuto")] = items(g).length; });
    controls().forEach(function (el) { values[el.name] = read(el.name); });
    return {voci: counts, valori: values, ordine: order};
  }

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(snapshot()));
    } catch (e) { /* private browsing or full storage: the form still works */ }
  }

  function restore() {
    var kept;
    try {
      kept = JSON.parse(localStorage.getItem(KEY) || "null");
    } catch (e) {
      kept = null;
    }
    if (!kept || !kept.valori) return false;
    groups().forEach(function (g) {
      var n = (kept.voci || {})[g.getAttribute("data-ripetuto")] || 0;
      g.querySelector(".rete-voci").innerHTML = "";
      for (var i = 0; i < n; i++) addItem(g);
    });
    Object.keys(kept.valori).forEach(function (name) { write(name, kept.valori[name]); });
    order = kept.ordine || {};
    return true;
  }

  // --- Checks: the constraint attributes, and the rules HTML cannot state ----------

  function labelOf(el) {
    var box = el.closest("fieldset.rete-caselle");
    var source = box ? box.querySelector("legend") :
      form.querySelector("label[for=\"" + CSS.escape(el.id) + "\"]");
    var text = source.cloneNode(true);
    Array.prototype.forEach.call(text.querySelectorAll(".rete-facoltativo"),
      function (s) { s.remove(); });
    var words = "«" + text.textContent.trim() + "»";
    var item = el.closest(".rete-voce");
    if (item) words += " (" + item.querySelector("legend").textContent.trim() + ")";
    return words;
  }

  function length(text) {
    return Array.from(text).length;
  }

  function chars(n) {
    return n === 1 ? "1 carattere" : n + " caratteri";
  }

  function problem(el) {
    var v = el.value, label = labelOf(el);
    if (el.validity.badInput) {
      return label + (el.type === "date" ? ": la data non è completa o non esiste" :
        ": scrivi solo il numero, per esempio 12 o 12.5");
    }
    if (!v.trim()) {
      if (!el.required) return null;
      return label + (el.tagName === "SELECT" ? ": scegli un valore" :
        el.type === "date" ? ": scegli una data" : ": scrivilo, è obbligatorio");
    }
    var min = el.getAttribute("minlength"), max = el.getAttribute("maxlength");
    if (min && length(v) < +min) {
      return label + ": troppo corto, " + chars(length(v)) + "; ne servono almeno " + min;
    }
    if (max && length(v) > +max) {
      return label + ": troppo lungo, " + chars(length(v)) + "; al massimo " + max;
    }
    var pattern = el.getAttribute("data-pattern");
    if (pattern && !new RegExp(pattern, "u").test(v)) {
      return label + ": " + (el.getAttribute("data-messaggio") || "il valore non ha la forma attesa");
    }
    if (el.type === "number") {
      if (el.min !== "" && +v < +el.min) return label + ": non può essere minore di " + el.min;
      if (el.max !== "" && +v > +el.max) return label + ": non può essere maggiore di " + el.max;
      if (el.step === "1" && !Number.isInteger(+v)) return label + ": scrivi un numero intero";
    }
    var after = el.getAttribute("data-dopo");
    if (after) {
      var first = named(after)[0];
      if (first && first.value && v < first.value) {
        return label + ": la data viene prima di " + labelOf(first);
      }
    }
    return null;
  }

  function conditional(found) {
    var rule = cfg.schema["if"], then = cfg.schema.then;
    if (!rule || !then) return;
    var met = Object.keys(rule.properties || {}).every(function (key) {
      return read(key) === String(rule.properties[key]["const"]);
    });
    if (!met) return;
    var because = (then["x-messaggi"] || {}).required || "è obbligatorio";
    (then.required || []).forEach(function (key) {
      var sub = cfg.schema.properties[key];
      var empty = isEmpty(valueOf(sub, key));
      if (!empty) return;
      var group = form.querySelector("[data-ripetuto=\"" + CSS.escape(key) + "\"]");
      var target = group ? group.querySelector(".rete-aggiungi") : named(key)[0];
      var said = group ? (((then.properties || {})[key] || {})["x-messaggi"] || {}).minItems :
        null;
      var legend = group ? "«" + group.querySelector("legend").textContent
        .replace("(facoltativo)", "").trim() + "»" : labelOf(target);
      found.push([target, legend + ": " + (said || because)]);
    });
  }

  function alternatives(found) {
    groups().forEach(function (group) {
      var name = group.getAttribute("data-ripetuto");
      var node = (cfg.schema.properties[name] || {}).items || {};
      if (!node.oneOf) return;
      var keys = [];
      node.oneOf.forEach(function (o) { keys = keys.concat(o.required || []); });
      items(group).forEach(function (item, n) {
        var given = keys.filter(function (k) {
          var el = named(name + "." + n + "." + k, item)[0];
          return el && el.value.trim();
        });
        if (given.length !== 1) {
          var el = named(name + "." + n + "." + keys[0], item)[0];
          found.push([el, "«" + item.querySelector("legend").textContent.trim() + "»: " +
            ((node["x-messaggi"] || {}).oneOf || "scegli una sola delle possibilità")]);
        }
      });
    });
  }

  function check() {
    var found = [], seen = {};
    controls().forEach(function (el) {
      if (el.type === "checkbox") return;
      var message = problem(el);
      if (message) found.push([el, message]);
    });
    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-min]"), function (box) {
      var checked = box.querySelectorAll("input:checked").length;
      var min = +box.getAttribute("data-min");
      if (checked < min) {
        found.push([box.querySelector("input"), "«" + box.querySelector("legend").textContent
          .trim() + "»: " + (min === 1 ? "scegline almeno uno" : "scegline almeno " + min)]);
      }
    });
    alternatives(found);
    conditional(found);
    found.sort(function (a, b) {  // the summary lists mistakes in the order of the page
      if (a[0] === b[0]) return 0;
      return a[0].compareDocumentPosition(b[0]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return found.filter(function (p) {
      var key = p[0].id + p[1];
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  function slotOf(el) {
    var box = el.closest("fieldset.rete-caselle");
    var id = box ? box.id : el.id;
    return {id: id + "-errore", slot: document.getElementById(id + "-errore"),
      target: box || el};
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".rete-errore"), function (p) {
      p.hidden = true;
      p.textContent = "";
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
      var ids = (el.getAttribute("aria-describedby") || "").split(" ")
        .filter(function (id) { return id && !/-errore$/.test(id); });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    });
    Array.prototype.forEach.call(form.querySelectorAll(".rete-campo--errore"), function (el) {
      el.classList.remove("rete-campo--errore");
    });
    summary.hidden = true;
    document.title = title;
  }

  function showErrors(found) {
    var list = summary.querySelector("ul");
    list.innerHTML = "";
    found.forEach(function (p) {
      var el = p[0], where = slotOf(el);
      if (where.slot && !where.slot.textContent) {
        var hidden = document.createElement("span");
        hidden.className = "rete-nascosto";
        hidden.textContent = "Errore: ";
        where.slot.appendChild(hidden);
        where.slot.appendChild(document.createTextNode(p[1]));
        where.slot.hidden = false;
        var ids = (where.target.getAttribute("aria-describedby") || "").split(" ")
          .filter(Boolean);
        ids.push(where.id);
        where.target.setAttribute("aria-describedby", ids.join(" "));
        where.target.setAttribute("aria-invalid", "true");
        var field = where.target.closest(".rete-campo");
        if (field) field.classList.add("rete-campo--errore");
      }
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + el.id;
      a.textContent = p[1];
      a.addEventListener("click", function (event) {
        event.preventDefault();
        el.focus();
        el.scrollIntoView({block: "center"});
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.hidden = false;
    document.title = "Errore: " + title;
    summary.focus();
  }

  // --- The file, and what to do with it --------------------------------------------

  function slugify(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function data() {
    return collect(cfg.schema, "");
  }

  function fileName(d) {
    if (correction) return correction.nome;
    return (slugify(String(d.titolo || d.nome || "")) || cfg.tipo) + ".md";
  }

  function filePath(d) {
    return correction ? correction.percorso : cfg.cartella + "/" + fileName(d);
  }

  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], {type: "text/markdown;charset=utf-8"}));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function previewOf(d, text) {
    var box = preview.querySelector("div");
    box.innerHTML = "";
    function add(tag, words, parent) {
      var el = document.createElement(tag);
      el.textContent = words;
      (parent || box).appendChild(el);
      return el;
    }
    add("h3", d.titolo || d.nome || "(senza titolo)");
    if (d.sintesi) add("p", d.sintesi);
    var dl = add("dl", "");
    Object.keys(cfg.schema.properties).forEach(function (key) {
      if (["titolo", "nome", "sintesi"].indexOf(key) >= 0 || d[key] === undefined) return;
      var field = form.querySelector("[name=\"" + CSS.escape(key) + "\"]");
      var v = d[key];
      add("dt", cfg.schema.properties[key].title || key, dl);
      if (field && field.tagName === "SELECT") {
        v = field.options[field.selectedIndex].textContent;
      } else if (field && field.type === "checkbox") {
        v = named(key).filter(function (e) { return e.checked; }).map(function (e) {
          return e.closest("label").textContent;
        }).join(", ");
      } else if (typeof v === "object") {
        v = JSON.stringify(v).replace(/[{}\[\]"]/g, " ").replace(/\s+/g, " ").trim();
      }
      add("dd", String(v), dl);
    });
    var paragraph = [];
    function flush() {
      if (paragraph.length) add("p", paragraph.join(" "));
      paragraph = [];
    }
    var list = null;
    text.split("\n").forEach(function (line) {
      var heading = /^(#{2,6}) (.*)$/.exec(line), item = /^\s*(?:[-*]|\d+\.) (.*)$/.exec(line);
      if (heading) {
        flush();
        list = null;
        add("h" + Math.min(heading[1].length + 2, 6), heading[2]);
      } else if (item) {
        flush();
        if (!list) list = add("ul", "");
        add("li", item[1], list);
      } else if (!line.trim()) {
        flush();
        list = null;
      } else {
        paragraph.push(line.trim());
      }
    });
    flush();
    preview.hidden = false;
    preview.querySelector("h2").setAttribute("tabindex", "-1");
    preview.querySelector("h2").focus();
  }

  function act(action) {
    var d = data(), text = body(), file = reteYaml.dump(d, text, cfg.schema), name = fileName(d);
    if (action === "anteprima") return previewOf(d, text);
    if (action === "github") {
      window.open(cfg.repo + "/new/main?filename=" + encodeURIComponent(filePath(d)) +
        "&value=" + encodeURIComponent(file), "_blank", "noopener");
      return say("Su GitHub controlla il file e premi «Propose new file».");
    }
    download(name, file);
    try {
      localStorage.removeItem(KEY);
    } catch (e) { /* nothing kept */ }
    if (action === "email") {
      var subject = (cfg.tipo === "scheda" ? "Scheda " : "Polo ") + name;
      var words = "Buongiorno,\n\nallego il file " + name + " compilato sul sito della rete " +
        "(va nella cartella " + filePath(d).replace(/\/[^/]*$/, "/") + ").\n\n" +
        "Ricordati di allegare il file che hai appena scaricato.\n";
      location.href = "mailto:" + cfg.contatto + "?subject=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(words);
    }
    say("Hai scaricato il file " + name + ". Mandalo ai coordinatori della rete" +
      (cfg.contatto ? " (" + cfg.contatto + ")" : "") + " o mettilo nella cartella condivisa: " +
      "va in " + filePath(d) + ".");
  }

  // --- Wiring ----------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var action = event.submitter ? event.submitter.getAttribute("data-azione") : "scarica";
    clearErrors();
    status.hidden = true;
    var found = check();
    if (found.length) return showErrors(found);
    act(action || "scarica");
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var group = button.closest("[data-ripetuto]");
    if (button.classList.contains("rete-aggiungi")) {
      var item = addItem(group);
      item.querySelector("input, select, textarea").focus();
      save();
    } else if (button.classList.contains("rete-togli")) {
      removeItem(group, button.closest(".rete-voce"));
    } else if (button.classList.contains("rete-ricomincia")) {
      if (!window.confirm("Vuoi cancellare tutto quello che hai scritto in questo modulo?")) {
        return;
      }
      try {
        localStorage.removeItem(KEY);
      } catch (e) { /* nothing kept */ }
      form.reset();
      groups().forEach(function (g) { g.querySelector(".rete-voci").innerHTML = ""; });
      order = {};
      clearErrors();
      if (correction) fill(correction.dati, correction.corpo);
      say("Il modulo è stato svuotato.");
    }
  });

  form.addEventListener("input", save);
  form.addEventListener("change", save);

  window.reteCompila = {data: data, body: body, file: function () {
    return reteYaml.dump(data(), body(), cfg.schema);
  }, fill: fill, name: function () { return fileName(data()); }};

  var restored = restore();
  if (slug) {
    form.setAttribute("aria-busy", "true");
    fetch("dati/" + slug + ".json").then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (found) {
      correction = found;
      if (!restored) fill(found.dati, found.corpo);
      say("Stai correggendo " + found.percorso + ": cambia quello che serve e scarica il " +
        "file, che ha lo stesso nome.");
    }).catch(function () {
      say("Non trovo i dati di «" + slug + "»: puoi compilare il modulo da capo.");
    }).then(function () {
      form.removeAttribute("aria-busy");
      form.setAttribute("data-pronto", "");
    });
  } else {
    form.setAttribute("data-pronto", "");
  }
})();
