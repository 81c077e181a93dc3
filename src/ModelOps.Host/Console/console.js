// ModelOps console: read-only views over the HTTP API (models, versions, traffic, runs, monitoring) plus one safe action
// (approve a version). Every call carries the caller's own key or token; the page itself holds no data.
'use strict';

const KEY = 'modelops-key';
const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const SVG = 'http://www.w3.org/2000/svg';

document.getElementById('key').value = sessionStorage.getItem(KEY) || '';
document.getElementById('credentials').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(KEY, document.getElementById('key').value.trim());
  route();
});

async function api(path, options = {}) {
  const secret = sessionStorage.getItem(KEY) || '';
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (secret.split('.').length === 3) headers.Authorization = 'Bearer ' + secret; else if (secret) headers['x-functions-key'] = secret;
  const response = await fetch(path, { ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(`${response.status}: ${body.error || text}`);
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value); else node.setAttribute(name, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child ?? '-'));
  return node;
}

const text = value => value === null || value === undefined ? '-' : typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k}=${v}`).join(', ') : String(value);
const time = value => value ? new Date(value).toISOString().replace('T', ' ').slice(0, 19) : '-';
const table = (columns, rows, id) => el('table', id ? { id } : {}, el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c)))), el('tbody', {}, rows));

async function modelsPage() {
  const { models } = await api('/api/models');
  view.replaceChildren(el('section', {}, el('h1', {}, `Models (${models.length})`),
    table(['Model', 'Latest', 'Aliases', 'Approval required', 'Updated'], models.map(m => el('tr', { 'data-model': m.name },
      el('td', {}, el('a', { href: `#/models/${encodeURIComponent(m.name)}` }, m.name)), el('td', {}, text(m.latestVersion)),
      el('td', {}, text(m.aliases)), el('td', {}, text(m.requireApproval)), el('td', {}, time(m.updatedAt)))), 'models')));
}

async function modelPage(name) {
  const path = `/api/models/${encodeURIComponent(name)}`;
  const [model, { versions }, runs, monitoring, traffic] = await Promise.all([
    api(path), api(`${path}/versions`), api(`${path}/runs?pageSize=10`).catch(() => ({ runs: [] })), api(`${path}/monitoring`).catch(() => ({ reports: [] })),
    trafficOf(path)]);
  const aliasesOf = version => Object.entries(model.aliases || {}).filter(([, v]) => v === version.version).map(([a]) => a).join(', ');
  view.replaceChildren(
    el('h1', {}, model.name),
    el('section', {}, el('h2', {}, 'Versions'), table(['Version', 'Aliases', 'Approval', 'Metrics', 'Lineage', 'Inputs', 'Created', ''],
      versions.map(v => el('tr', { 'data-version': v.version },
        el('td', {}, text(v.version)), el('td', {}, aliasesOf(v)), el('td', {}, el('span', { class: `badge ${v.approvalStatus}` }, text(v.approvalStatus))),
        el('td', {}, text(v.metrics)), el('td', {}, [text(v.source), el('br'), el('span', { class: 'muted' }, `by ${text(v.registeredBy)} · ${text(v.producer)} · sha256 ${(v.sha256 || '').slice(0, 12)}`)]),
        el('td', {}, (v.inputs || []).map(i => `${i.name} ${i.datatype}[${i.shape}]`).join(', ')), el('td', {}, time(v.createdAt)),
        el('td', {}, v.approvalStatus === 'PendingManualApproval' ? el('button', { 'data-approve': v.version, onclick: () => approve(name, v.version) }, 'Approve') : ''))), 'versions')),
    trafficView(traffic),
    el('section', {}, el('h2', {}, 'Runs'), runs.runs.length ? runs.runs.map(runView) : el('p', { class: 'muted' }, 'No runs.')),
    el('section', { id: 'monitoring' }, el('h2', {}, 'Monitoring'), monitoring.reports.length
      ? table(['Report', 'Status', 'Version', 'Created', 'Drifted columns', 'Dataset drift'], monitoring.reports.map(r => el('tr', {},
        el('td', {}, el('a', { href: `#/models/${encodeURIComponent(name)}/monitoring/${encodeURIComponent(r.id)}` }, r.id)), el('td', {}, text(r.status)),
        el('td', {}, text(r.version)), el('td', {}, time(r.createdAt)), el('td', {}, text(r.driftedColumns)), el('td', {}, text(r.datasetDrift)))), 'reports')
      : el('p', { class: 'muted' }, 'No reports.')));
}

// The traffic policy (none: the champion answers everything), the model's rollouts and its serving history.
async function trafficOf(path) {
  const [policy, rollouts, history] = await Promise.all([
    api(`${path}/traffic`).catch(() => null), api(`${path}/rollouts`).catch(() => ({ rollouts: [] })), api(`${path}/history?pageSize=10`).catch(() => ({ changes: [] }))]);
  return { policy, rollouts: rollouts.rollouts || [], changes: history.changes || [] };
}

function trafficView({ policy, rollouts, changes }) {
  const share = (version, percent) => el('tr', { 'data-version': version }, el('td', {}, text(version)), el('td', {}, `${percent} %`),
    el('td', {}, el('svg:svg', { width: 204, height: 12 }, el('svg:rect', { x: 0, y: 1, width: 2 * percent + 1, height: 10, fill: '#4c8bf5' }))));
  const weights = policy
    ? [table(['Version', 'Share', ''], Object.entries(policy.weights).map(([v, p]) => share(v, p)), 'weights'),
      el('p', { class: 'muted' }, `${policy.sticky ? (policy.sticky.input ? `sticky by input ${policy.sticky.input}` : `sticky by header ${policy.sticky.header}`) : 'random routing'}${policy.mirror ? ` · ${policy.mirror.percent} % mirrored to version ${policy.mirror.version}` : ''}`)]
    : el('p', { class: 'muted', id: 'weights' }, 'No traffic policy: the champion answers every request.');
  return el('section', { id: 'traffic' }, el('h2', {}, 'Traffic'), weights,
    rollouts.length ? table(['Rollout', 'Version', 'Strategy', 'Status', 'Share', 'Reason'], rollouts.map(r => el('tr', { 'data-rollout': r.id },
      el('td', {}, r.id), el('td', {}, text(r.version)), el('td', {}, text(r.strategy)), el('td', {}, text(r.status)), el('td', {}, `${text(r.currentPercent)} %`), el('td', {}, text(r.reason)))), 'rollouts') : '',
    changes.length ? [el('h3', {}, 'Serving history'), table(['When', 'Weights', 'By', 'Why'], changes.map(c => el('tr', {},
      el('td', {}, time(c.at)), el('td', {}, text(c.policy && c.policy.weights)), el('td', {}, text(c.changedBy)), el('td', {}, text(c.reason)))), 'history')] : '');
}

async function approve(name, version) {
  await api(`/api/models/${encodeURIComponent(name)}/versions/${version}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ approvalStatus: 'Approved', approvalReason: 'approved in the console' }) });
  await modelPage(name);
}

// A run's steps as a Gantt chart: one bar per step, placed by its start and sized by its duration.
function runView(run) {
  const steps = (run.steps || []).filter(s => s.start);
  const t0 = Math.min(...steps.map(s => Date.parse(s.start)));
  const t1 = Math.max(...steps.map(s => Date.parse(s.end || s.start) + 1));
  const width = 560, row = 20, left = 180;
  const svg = el('svg:svg', { class: 'gantt', width: left + width + 80, height: steps.length * row + 4, 'data-run': run.id });
  steps.forEach((s, i) => {
    const x = left + (Date.parse(s.start) - t0) / (t1 - t0) * width;
    const w = Math.max(2, ((s.durationMs ?? 0) / (t1 - t0)) * width);
    svg.append(el('svg:text', { x: 0, y: i * row + 14 }, s.name),
      el('svg:rect', { x, y: i * row + 3, width: w, height: row - 6, fill: s.status === 'Completed' ? '#4c8bf5' : s.status === 'Failed' ? '#d93025' : '#9aa0a6' }, el('svg:title', {}, `${s.name}: ${s.status}, ${s.durationMs ?? '-'} ms`)),
      el('svg:text', { x: x + w + 4, y: i * row + 14 }, s.durationMs === null || s.durationMs === undefined ? '' : `${(s.durationMs / 1000).toFixed(2)} s`));
  });
  return el('div', { class: 'run' }, el('p', {}, `${run.id} · ${run.runtimeStatus} · ${run.trigger || ''} · ${time(run.createdTime)} ${run.error || ''}`), svg);
}

// A report's per-column drift against its threshold (the dashed line), red where the column drifted. Tests with a p-value
// are drawn as -log10(p) against -log10(threshold) (longer = stronger evidence of drift); the others as statistic ÷ threshold.
async function reportPage(name, id) {
  const report = await api(`/api/models/${encodeURIComponent(name)}/monitoring/${encodeURIComponent(id)}`);
  const columns = report.columns || [];
  const width = 420, row = 22, left = 160, cap = 4;
  const present = value => value !== null && value !== undefined;
  const ratio = c => present(c.pValue) && c.threshold > 0 && c.threshold < 1
    ? -Math.log10(Math.max(c.pValue, 1e-300)) / -Math.log10(c.threshold)
    : present(c.statistic) && c.threshold ? Math.abs(c.statistic) / c.threshold : 0;
  const label = c => present(c.pValue) ? `${c.method} p=${Number(c.pValue).toPrecision(3)} (drift below ${c.threshold})`
    : `${c.method} ${present(c.statistic) ? Number(c.statistic).toFixed(3) : '-'} (threshold ${c.threshold})`;
  const svg = el('svg:svg', { id: 'drift', width: left + width + 300, height: columns.length * row + 10 });
  columns.forEach((c, i) => svg.append(el('svg:text', { x: 0, y: i * row + 15 }, c.name),
    el('svg:rect', { x: left, y: i * row + 4, width: Math.max(1, Math.min(ratio(c), cap) / cap * width), height: row - 8, fill: c.drifted ? '#d93025' : '#34a853' }, el('svg:title', {}, label(c))),
    el('svg:text', { x: left + width + 6, y: i * row + 15 }, label(c) + (c.skipped ? ' skipped' : ''))));
  svg.append(el('svg:line', { x1: left + width / cap, x2: left + width / cap, y1: 0, y2: columns.length * row + 10, stroke: '#333', 'stroke-dasharray': '4 3' }));
  const quality = report.quality ? el('p', {}, `Live quality: ${text(report.quality.metrics || report.quality)}`) : '';
  view.replaceChildren(el('h1', {}, `${name} · report ${report.id}`),
    el('section', {}, el('p', {}, `${report.status} · version ${text(report.version)} · ${text(report.currentRows)} rows against ${text(report.referenceRows)} · dataset drift ${text(report.datasetDrift)} ${report.note || ''}`),
      quality, el('h2', {}, 'Drift per column (the dashed line is the threshold)'), svg),
    el('p', {}, el('a', { href: `#/models/${encodeURIComponent(name)}` }, `← ${name}`)));
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  statusLine.textContent = '';
  try {
    if (parts[0] === 'models' && parts[1] && parts[2] === 'monitoring' && parts[3]) await reportPage(parts[1], parts[3]);
    else if (parts[0] === 'models' && parts[1]) await modelPage(parts[1]);
    else await modelsPage();
    document.body.dataset.rendered = location.hash || '#/models';
  } catch (error) {
    statusLine.textContent = error.message;
    document.body.dataset.rendered = 'error';
  }
}

window.addEventListener('hashchange', route);
route();
