// A small GraphQL explorer served by Rapport itself (no CDN): run operations, browse the schema.
'use strict';

const KEY = 'rapport.apiKey';
const $ = (id) => document.getElementById(id);

async function post(query, variables) {
  const key = sessionStorage.getItem(KEY);
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function run() {
  let variables;
  try {
    variables = JSON.parse($('variables').value || '{}');
  } catch {
    $('result').textContent = 'Variables are not valid JSON.';
    return;
  }
  $('result').textContent = 'Running…';
  const body = await post($('query').value, variables).catch((e) => ({ error: String(e) }));
  $('result').textContent = JSON.stringify(body, null, 2);
}

const typeName = (t) =>
  t.kind === 'NON_NULL'
    ? `${typeName(t.ofType)}!`
    : t.kind === 'LIST'
      ? `[${typeName(t.ofType)}]`
      : t.name;

async function loadDocs() {
  const body =
    await post(`{ __schema { queryType { name } mutationType { name } types { name kind description
    fields { name description args { name type { ...T } } type { ...T } } } } }
    fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`);
  if (!body.data) {
    $('docs').textContent = body.errors?.[0]?.message ?? 'Enter a key to browse the schema.';
    return;
  }
  const types = body.data.__schema.types;
  const root = (name) => types.find((t) => t.name === name);
  const section = (title, type) => {
    const wrap = document.createElement('div');
    const h = document.createElement('h2');
    h.textContent = title;
    wrap.append(h);
    for (const f of type?.fields ?? []) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      const args = f.args.map((a) => `${a.name}: ${typeName(a.type)}`).join(', ');
      s.innerHTML = '<code></code>';
      s.firstChild.textContent = `${f.name}${args ? `(${args})` : ''}: ${typeName(f.type)}`;
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = f.description ?? '';
      d.append(s, p);
      wrap.append(d);
    }
    return wrap;
  };
  $('docs').replaceChildren(
    section('Queries', root(body.data.__schema.queryType.name)),
    section('Mutations', root(body.data.__schema.mutationType?.name)),
  );
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('key').value.trim());
  $('key').value = '';
  void loadDocs();
});
$('run').addEventListener('click', () => void run());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void run();
});
void loadDocs();
