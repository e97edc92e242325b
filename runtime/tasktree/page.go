package tasktree

import (
	"html/template"
	"io"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// refreshEvery is how often the page fetches itself again.
const refreshEvery = 2 * time.Second

// page is the HTML form. The tree is rendered here, on the server, so the
// page is whole without JavaScript; the script only fetches the same page
// again and swaps the tree in.
var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"millis": func(d time.Duration) int64 { return d.Milliseconds() },
	"age":    func(time.Time) time.Duration { panic("tasktree: age is set by writePage") },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>twine: nurseries and tasks</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
header { display: flex; gap: 1.5em; align-items: baseline; flex-wrap: wrap; }
h1 { font-size: 1.3em; margin: 0 0 .5em; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.5em; border-left: 1px solid #ccc; }
ul.tree { padding-left: 0; border: 0; }
.nursery > .head { margin: .6em 0 .2em; }
.name { font-weight: bold; }
.id, .meta { color: #666; }
.state { border-radius: 3px; padding: 0 .4em; font-size: .9em; }
.open, .running { background: #dfd; } .starting { background: #def; }
.stopping { background: #fe9; } .cancelled { background: #fcc; } .stray { background: #eee; }
table.tasks { border-collapse: collapse; margin: .2em 0 .4em; }
table.tasks th, table.tasks td { text-align: left; padding: .1em .8em .1em 0; vertical-align: top; }
table.tasks th { font-weight: normal; color: #666; }
td.count { text-align: right; }
.fn, .at { font-family: ui-monospace, monospace; font-size: .95em; }
#error { color: #b00; }
</style>
</head>
<body>
<header>
<h1>Nurseries and tasks</h1>
<span id="updated" data-time="{{.Now.UnixMilli}}">as of {{.Now.Format "15:04:05.000"}}</span>
<label><input type="checkbox" id="live" checked> refresh every {{.Every}}</label>
<a href="?format=text">text</a> <a href="?format=json">JSON</a>
<span id="error"></span>
</header>
<main id="tree">
{{- if .Roots}}
<ul class="tree">{{range .Roots}}{{template "nursery" .}}{{end}}</ul>
{{- else}}
<p class="empty">No nursery is running.</p>
{{- end}}
</main>
<script>
"use strict";
const every = {{millis .Every}};
async function refresh() {
	if (!document.getElementById("live").checked) return;
	const error = document.getElementById("error");
	try {
		const url = new URL(location.href);
		url.searchParams.set("format", "html");
		const resp = await fetch(url, {cache: "no-store"});
		if (!resp.ok) throw new Error(resp.status + " " + resp.statusText);
		const next = new DOMParser().parseFromString(await resp.text(), "text/html");
		for (const id of ["tree", "updated"]) {
			document.getElementById(id).replaceWith(next.getElementById(id));
		}
		error.textContent = "";
	} catch (e) {
		error.textContent = "refresh failed: " + e.message;
	}
}
setInterval(refresh, every);
</script>
</body>
</html>
{{define "nursery"}}{{$n := .}}
<li class="nursery" data-id="{{.ID}}">
<div class="head"><span class="name">{{if .Name}}{{.Name}}{{else}}nursery{{end}}</span> <span class="id">#{{.ID}}</span>
<span class="state {{.State}}">{{.State}}</span>
<span class="meta">age {{age .Started}}{{if not .SoftStop.IsZero}}, {{age .SoftStop}} since the soft stop{{end}}
{{- if .Limit}}, limit {{.Limit}}{{end}}{{if .Waiting}}, {{.Waiting}} waiting for a slot{{end}}</span></div>
{{- if .Tasks}}
<table class="tasks">
<tr><th>tasks</th><th>function</th><th>state</th><th>age</th><th>blocked at</th></tr>
{{- range .Tasks}}
<tr class="task"><td class="count">{{.Count}}</td><td class="fn">{{.Name}}</td><td><span class="state {{.State}}">{{.State}}</span></td>
<td class="age">{{if .Started.IsZero}}≤ {{age $n.Started}}{{else}}{{age .Started}}{{end}}</td>
<td class="at">{{.Where}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .Children}}
<ul>{{range .Children}}{{template "nursery" .}}{{end}}</ul>
{{- end}}
</li>
{{- end}}`))

// writePage writes the page of the tree roots, as of now.
func writePage(w io.Writer, now time.Time, roots []nursery.NurseryInfo) error {
	t, err := page.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{"age": func(since time.Time) time.Duration { return age(now.Sub(since)) }})
	return t.Execute(w, struct {
		Now   time.Time
		Every time.Duration
		Roots []nursery.NurseryInfo
	}{now, refreshEvery, roots})
}

// age rounds d for reading: to the second from a second up, to the
// millisecond below.
func age(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Second)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d
}
