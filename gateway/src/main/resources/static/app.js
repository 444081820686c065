// SLA dashboard page: signs in (dev token or pasted JWT), shows GET /api/v1/dashboard/sla and opens yearly reports.
// Plain browser JavaScript, no build step; charts by Chart.js (served by the gateway from its WebJar).
'use strict';

const TOKEN_KEY = 'servicedesk.token';
const REFRESH_MS = 10_000;
const CLOCKS = ['acknowledge', 'reply', 'onSite', 'report'];
const CLOCK_LABELS = {acknowledge: 'Acknowledge', reply: 'Reply', onSite: 'On site', report: 'Service report'};
const STATES = ['ON_TRACK', 'AT_RISK', 'BREACHED', 'MET', 'MET_LATE'];
const STATE_LABELS = {ON_TRACK: 'On track', AT_RISK: 'At risk', BREACHED: 'Breached', MET: 'Met', MET_LATE: 'Met late'};
const STATE_COLOURS = {ON_TRACK: '#4f86c6', AT_RISK: '#e0a100', BREACHED: '#c0392b', MET: '#2e8b57', MET_LATE: '#8e6bbf'};
const DASH = '–';
const REGION_LABELS = {IN_PROVINCE: 'In province', OUT_OF_PROVINCE: 'Out of province'};
const CATEGORY_LABELS = {PRODUCT_QUALITY: 'Product quality', DELIVERY: 'Delivery', SERVICE: 'Service',
  DOCUMENTATION: 'Documentation', OTHER: 'Other'};

const dateTime = new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium', timeStyle: 'short'});
const clockTime = new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'});

const state = {
  asOf: null,          // ISO instant, or null for live
  refreshTimer: null,
  requestSeq: 0,       // answers to superseded requests are dropped
  shownPath: null,     // the dashboard request whose answer is on screen
  chart: null,
  reportUrls: [],      // blob URLs of the last report, revoked when the next one arrives
};

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

// ---------------------------------------------------------------- token and session

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The token's claims, or an Error saying why they cannot be read (the signature is the gateway's business). */
function claimsOf(jwt) {
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    return new Error('That is not a JWT (it needs three dot-separated parts).');
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return new Error(`The token's claims cannot be read: ${e.message}`);
  }
}

function signIn(jwt) {
  const claims = claimsOf(jwt);
  if (claims instanceof Error) {
    showSigninError(claims.message);
    return;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    showSigninError('That token has expired.');
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, jwt);
  showSigninError(null);
  showSession();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  stopRefresh();
  state.requestSeq++;
  state.shownPath = null;
  if (state.chart) {
    state.chart.destroy();
    state.chart = null;
  }
  showSigninError(message || null);
  showSession();
}

function showSession() {
  const jwt = token();
  const claims = jwt ? claimsOf(jwt) : null;
  const signedIn = claims && !(claims instanceof Error);
  $('signin').hidden = signedIn;
  $('session').hidden = !signedIn;
  $('dashboard').hidden = !signedIn;
  if (!signedIn) {
    if (jwt) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSigninError(claims.message);
    }
    render({});
    return;
  }
  $('session-user').textContent = claims.sub || '(no user name)';
  const roles = Array.isArray(claims.roles) ? claims.roles.join(', ') : 'no roles';
  const until = typeof claims.exp === 'number' ? `, until ${dateTime.format(new Date(claims.exp * 1000))}` : '';
  $('session-roles').textContent = `(${roles}${until})`;
  loadDashboard();
}

function showSigninError(text) {
  $('signin-error').textContent = text || '';
  $('signin-error').hidden = !text;
}

async function requestDevToken(event) {
  event.preventDefault();
  const user = $('dev-user').value.trim();
  const role = $('dev-role').value;
  let response;
  try {
    response = await fetch('/api/v1/dev/tokens', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify({user, roles: [role]}),
    });
  } catch (e) {
    showSigninError(`The gateway could not be reached: ${e.message}`);
    return;
  }
  if (response.status === 404) {
    // not the local profile: the path does not exist there
    $('dev-token-fields').hidden = true;
    $('dev-token-unavailable').hidden = false;
    return;
  }
  if (!response.ok) {
    showSigninError(await problemText(response));
    return;
  }
  const body = await response.json();
  if (typeof body.token !== 'string') {
    showSigninError('The gateway answered without a token.');
    return;
  }
  signIn(body.token);
}

function usePastedToken(event) {
  event.preventDefault();
  const jwt = $('jwt-input').value.trim().replace(/^Bearer\s+/i, '');
  $('jwt-input').value = '';
  signIn(jwt);
}

// ---------------------------------------------------------------- API access

/** GET with the bearer token. A 401 means the token is no longer accepted: back to signing in. */
async function apiGet(path, accept) {
  const response = await fetch(path, {headers: {'Authorization': `Bearer ${token()}`, 'Accept': accept}});
  if (response.status === 401) {
    signOut(`The gateway refused the token (401: ${await problemText(response)}); sign in again.`);
  }
  return response;
}

/** One line from an RFC 9457 problem (title, detail, field errors), or from whatever else the server sent. */
async function problemText(response) {
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  if (type.includes('json')) {
    try {
      const problem = JSON.parse(text);
      const parts = [problem.title || `HTTP ${response.status}`];
      if (problem.detail) {
        parts.push(problem.detail);
      }
      const errors = Array.isArray(problem.errors) ? problem.errors.map((e) => `${e.field}: ${e.message}`) : [];
      return `${parts.join(': ')}${errors.length ? ` (${errors.join('; ')})` : ''}`;
    } catch (e) {
      return `HTTP ${response.status} with unreadable JSON (${e.message}): ${text.slice(0, 200)}`;
    }
  }
  return `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

// ---------------------------------------------------------------- dashboard

function dashboardPath() {
  const params = new URLSearchParams();
  if (state.asOf) {
    params.set('asOf', state.asOf);
  }
  if ($('region-filter').value) {
    params.set('region', $('region-filter').value);
  }
  if ($('category-filter').value) {
    params.set('category', $('category-filter').value);
  }
  const query = params.toString();
  return `/api/v1/dashboard/sla${query ? `?${query}` : ''}`;
}

async function loadDashboard() {
  stopRefresh();
  if (!token()) {
    return;
  }
  const seq = ++state.requestSeq;
  const asOf = state.asOf;
  const path = dashboardPath();
  if (path !== state.shownPath) {
    // another moment or filter: the numbers on screen no longer answer it
    render({});
    showDashboardError(null);
    state.shownPath = path;
  }
  showMode(asOf, 'loading');
  let response;
  try {
    response = await apiGet(path, 'application/json');
  } catch (e) {
    if (seq === state.requestSeq) {
      showDashboardError(`The gateway could not be reached: ${e.message}`);
      showMode(asOf, 'error');
      scheduleRefresh();
    }
    return;
  }
  if (seq !== state.requestSeq || !token()) {
    return;
  }
  if (!response.ok) {
    let text = await problemText(response);
    if (response.status === 403) {
      text += ' The dashboard needs the ANALYST role.';
    }
    if (seq !== state.requestSeq) {
      return;
    }
    render({});
    showDashboardError(text);
    showMode(asOf, 'error');
    scheduleRefresh();
    return;
  }
  const data = await response.json();
  if (seq !== state.requestSeq) {
    return;
  }
  showDashboardError(null);
  render(data);
  showMode(asOf, new Date());
  scheduleRefresh();
}

function scheduleRefresh() {
  stopRefresh();
  if (!state.asOf && token()) {
    state.refreshTimer = setTimeout(loadDashboard, REFRESH_MS);
  }
}

function stopRefresh() {
  if (state.refreshTimer) {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = null;
  }
}

/** The heading of the numbers: live or as of an instant, and whether they are loading, loaded (when) or failed. */
function showMode(asOf, status) {
  const mode = $('mode');
  mode.dataset.asOf = asOf || '';
  mode.classList.toggle('as-of', Boolean(asOf));
  $('live-button').setAttribute('aria-pressed', String(!asOf));
  const progress = status === 'loading' ? 'loading…' : status === 'error' ? 'no answer' : null;
  if (asOf) {
    mode.textContent = `As of ${dateTime.format(new Date(asOf))} (${asOf}) · ${progress || 'not refreshing'}`;
  } else {
    mode.textContent = `Live · ${progress || `updated ${clockTime.format(status)}`}`;
  }
}

function showDashboardError(text) {
  $('dashboard-error').textContent = text || '';
  $('dashboard-error').hidden = !text;
}

/** Draws whatever the answer holds; a section it lacks shows as "–" or as an empty table. */
function render(data) {
  const complaints = data.complaints || {};
  setNumber(byTestId('complaints-registered'), complaints.registered);
  setNumber(byTestId('complaints-open'), complaints.open);
  setNumber(byTestId('complaints-closed'), complaints.closed);
  renderClocks(data.clocks);
  renderKpis(data.kpis);
  renderBreaches(data.breaches, data.breachesTotal);
  renderDueToday(data.dueToday);
}

function setNumber(element, value) {
  if (typeof value === 'number') {
    element.textContent = String(value);
    element.dataset.value = String(value);
  } else {
    element.textContent = DASH;
    delete element.dataset.value;
  }
}

/** The known clocks and states in their order, then any the server added. */
function keysOf(known, objects) {
  const keys = [...known];
  for (const object of objects) {
    for (const key of Object.keys(object || {})) {
      if (!keys.includes(key)) {
        keys.push(key);
      }
    }
  }
  return keys;
}

function renderClocks(clocks) {
  const present = clocks && typeof clocks === 'object';
  const clockNames = keysOf(CLOCKS, [present ? clocks : null]);
  const states = keysOf(STATES, present ? Object.values(clocks) : []);

  const head = document.createElement('tr');
  head.append(th('Clock', 'col'));
  for (const s of states) {
    head.append(th(STATE_LABELS[s] || s, 'col'));
  }
  const rows = clockNames.map((clock) => {
    const row = document.createElement('tr');
    row.append(th(CLOCK_LABELS[clock] || clock, 'row'));
    for (const s of states) {
      const cell = document.createElement('td');
      cell.dataset.testid = `clock-${clock}-${s}`;
      setNumber(cell, present && clocks[clock] ? clocks[clock][s] : undefined);
      row.append(cell);
    }
    return row;
  });
  $('clocks-head').replaceChildren(head);
  $('clocks-body').replaceChildren(...rows);

  drawChart(clockNames, states, present ? clocks : {});
}

function drawChart(clockNames, states, clocks) {
  if ($('dashboard').hidden) {
    return;   // signed out: nothing to draw into
  }
  const note = $('chart-note');
  if (typeof Chart !== 'function') {
    note.textContent = 'The chart library did not load; the numbers are in the table.';
    note.hidden = false;
    return;
  }
  const hasNumbers = Object.keys(clocks).length > 0;
  note.textContent = hasNumbers ? '' : 'This answer holds no clock figures yet.';
  note.hidden = hasNumbers;
  const labels = clockNames.map((c) => CLOCK_LABELS[c] || c);
  const datasets = states.map((s) => ({
    label: STATE_LABELS[s] || s,
    backgroundColor: STATE_COLOURS[s] || '#888',
    data: clockNames.map((c) => (clocks[c] && typeof clocks[c][s] === 'number' ? clocks[c][s] : 0)),
  }));
  if (state.chart) {
    state.chart.data.labels = labels;
    state.chart.data.datasets = datasets;
    state.chart.update('none');   // no animation on every 10 s refresh
    return;
  }
  state.chart = new Chart($('clocks-chart'), {
    type: 'bar',
    data: {labels, datasets},
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}},
      plugins: {legend: {position: 'bottom'}},
    },
  });
}

function renderKpis(kpis) {
  const body = $('kpis-body');
  if (!Array.isArray(kpis) || kpis.length === 0) {
    body.replaceChildren(emptyRow(4, Array.isArray(kpis) ? 'No key figures.' : 'No key figures in this answer.'));
    return;
  }
  body.replaceChildren(...kpis.map((kpi) => {
    const row = document.createElement('tr');
    row.append(th(kpi.label || kpi.name, 'row'));

    const value = document.createElement('td');
    value.className = 'num';
    value.dataset.testid = `kpi-${kpi.name}-value`;
    value.textContent = formatKpi(kpi.value, kpi.unit);
    if (typeof kpi.value === 'number') {
      value.dataset.value = String(kpi.value);   // the unformatted figure, for comparison with the API
    }
    row.append(value);

    const target = document.createElement('td');
    target.className = 'num';
    target.textContent = typeof kpi.target === 'number'
        ? `${comparatorSign(kpi.comparator)} ${formatKpi(kpi.target, kpi.unit)}`.trim() : DASH;
    row.append(target);

    const met = document.createElement('td');
    met.dataset.testid = `kpi-${kpi.name}-met`;
    if (kpi.met === true) {
      met.className = 'met-yes';
      met.textContent = '✓ met';
    } else if (kpi.met === false) {
      met.className = 'met-no';
      met.textContent = '✗ missed';
    } else {
      met.textContent = DASH;
    }
    row.append(met);
    return row;
  }));
}

function formatKpi(value, unit) {
  if (typeof value !== 'number') {
    return DASH;
  }
  if (unit === 'ratio') {
    return `${(value * 100).toFixed(1)} %`;
  }
  if (unit === 'hours') {
    return `${value.toFixed(1)} h`;
  }
  const number = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return unit ? `${number} ${unit}` : number;
}

function comparatorSign(comparator) {
  return {'>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '='}[comparator] || comparator || '';
}

function renderBreaches(breaches, total) {
  const count = typeof total === 'number' ? total : undefined;
  setNumber(byTestId('breaches-total'), count);
  const shown = $('breaches-shown');
  shown.hidden = !(Array.isArray(breaches) && count !== undefined && breaches.length < count);
  shown.textContent = shown.hidden ? '' : `Showing ${breaches.length} of ${count}.`;

  const body = $('breaches-body');
  if (!Array.isArray(breaches) || breaches.length === 0) {
    body.replaceChildren(emptyRow(6, Array.isArray(breaches) ? 'No breaches.' : 'No breach list in this answer.'));
    return;
  }
  body.replaceChildren(...breaches.map((b) => {
    const row = document.createElement('tr');
    const id = document.createElement('td');
    id.className = 'id';
    id.append(complaintLink(b));
    if (b.serviceOrderId) {
      id.append(document.createElement('br'), text(`order ${b.serviceOrderId}`, 'muted'));
    }
    row.append(id,
        cell(CLOCK_LABELS[b.clock] || b.clock || DASH),
        cell(b.dueAt ? dateTime.format(new Date(b.dueAt)) : DASH),
        cell(typeof b.overdueHours === 'number' ? `${b.overdueHours.toFixed(1)} h` : DASH, 'num'),
        cell(REGION_LABELS[b.region] || b.region || DASH),
        cell(CATEGORY_LABELS[b.category] || b.category || DASH));
    return row;
  }));
}

function renderDueToday(items) {
  const list = $('due-today-list');
  setNumber(byTestId('due-today-count'), Array.isArray(items) ? items.length : undefined);
  if (!Array.isArray(items) || items.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = Array.isArray(items) ? 'Nothing falls due today.' : 'No due-today list in this answer.';
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(...items.map((d) => {
    const li = document.createElement('li');
    const due = d.dueAt ? clockTime.format(new Date(d.dueAt)).slice(0, 5) : DASH;
    li.append(complaintLink(d), text(` · ${CLOCK_LABELS[d.clock] || d.clock || ''} due ${due} · `),
        text(STATE_LABELS[d.state] || d.state || DASH, `state-${d.state}`));
    return li;
  }));
}

/** A link cannot carry the bearer token: the click fetches the complaint with it and shows the JSON. */
function complaintLink(item) {
  const link = document.createElement('a');
  link.textContent = item.complaintId || DASH;
  link.className = 'id';
  if (typeof item.link === 'string' && item.link.startsWith('/api/v1/')) {
    link.href = item.link;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      showComplaint(item.complaintId, item.link);
    });
  }
  return link;
}

async function showComplaint(id, path) {
  const dialog = $('detail-dialog');
  $('detail-title').textContent = `Complaint ${id}`;
  $('detail-body').textContent = 'Loading…';
  if (!dialog.open) {
    dialog.showModal();
  }
  try {
    const response = await apiGet(path, 'application/json');
    $('detail-body').textContent = response.ok
        ? JSON.stringify(await response.json(), null, 2)
        : await problemText(response);
  } catch (e) {
    $('detail-body').textContent = `The gateway could not be reached: ${e.message}`;
  }
}

function th(label, scope) {
  const element = document.createElement('th');
  element.scope = scope;
  element.textContent = label;
  return element;
}

function cell(value, className) {
  const element = document.createElement('td');
  element.textContent = value;
  if (className) {
    element.className = className;
  }
  return element;
}

function text(value, className) {
  const span = document.createElement('span');
  span.textContent = value;
  if (className) {
    span.className = className;
  }
  return span;
}

function emptyRow(columns, message) {
  const row = document.createElement('tr');
  const element = cell(message, 'empty');
  element.colSpan = columns;
  row.append(element);
  return row;
}

// ---------------------------------------------------------------- as-of and filters

function applyAsOf() {
  const value = $('as-of-input').value;
  if (!value) {
    goLive();
    return;
  }
  const instant = new Date(value);   // datetime-local has no zone: the browser reads it as local time
  if (Number.isNaN(instant.getTime())) {
    showDashboardError(`"${value}" is not a date and time.`);
    return;
  }
  state.asOf = instant.toISOString().replace('.000Z', 'Z');
  loadDashboard();
}

function goLive() {
  $('as-of-input').value = '';
  state.asOf = null;
  loadDashboard();
}

// ---------------------------------------------------------------- yearly report

async function openReport(event) {
  event.preventDefault();
  const button = event.submitter;
  const format = button.dataset.format;
  const download = button.dataset.download === 'true';
  const year = $('report-year').value;
  if (!/^\d{4}$/.test(year)) {
    showReportError('Give the year as four digits.');
    return;
  }
  const customer = $('report-customer').value.trim();
  const path = `/api/v1/reports/yearly/${year}${customer ? `?customerId=${encodeURIComponent(customer)}` : ''}`;
  const accept = format === 'pdf' ? 'application/pdf' : 'text/html';
  // opened now, while the click still counts as a user gesture (a window opened after the fetch would be blocked)
  const tab = download ? null : window.open('', '_blank');
  if (tab) {
    tab.document.title = 'Loading report…';
    tab.document.body.textContent = 'Loading the report…';
  }
  showReportError(null);
  $('report-status').textContent = `Fetching the ${year} report as ${format.toUpperCase()}…`;
  let response;
  try {
    response = await apiGet(path, accept);
  } catch (e) {
    tab?.close();
    $('report-status').textContent = '';
    showReportError(`The gateway could not be reached: ${e.message}`);
    return;
  }
  if (!response.ok) {
    tab?.close();
    $('report-status').textContent = '';
    showReportError(`The report could not be made: ${await problemText(response)}`);
    return;
  }
  const blob = await response.blob();
  state.reportUrls.forEach((url) => URL.revokeObjectURL(url));
  const url = URL.createObjectURL(blob);
  state.reportUrls = [url];
  const fileName = `servicedesk-report-${year}${customer ? `-${customer}` : ''}.${format}`;
  if (download) {
    saveAs(url, fileName);
  } else if (tab) {
    tab.location.href = url;
  }
  // a way back to the same document, also when the browser blocked the new tab
  const links = [anchor(url, `Open the ${year} ${format.toUpperCase()} report`, false)];
  if (format === 'pdf') {
    links.push(anchor(url, 'Download it', fileName));
  }
  $('report-status').replaceChildren(...links);
}

function anchor(url, label, fileName) {
  const link = document.createElement('a');
  link.href = url;
  link.textContent = label;
  if (fileName) {
    link.download = fileName;
  } else {
    link.target = '_blank';
    link.rel = 'noopener';
  }
  return link;
}

function saveAs(url, fileName) {
  const link = anchor(url, fileName, fileName);
  document.body.append(link);
  link.click();
  link.remove();
}

function showReportError(text) {
  $('report-error').textContent = text || '';
  $('report-error').hidden = !text;
}

// ---------------------------------------------------------------- start

document.addEventListener('DOMContentLoaded', () => {
  $('dev-token-form').addEventListener('submit', requestDevToken);
  $('paste-form').addEventListener('submit', usePastedToken);
  $('sign-out').addEventListener('click', () => signOut(null));
  $('region-filter').addEventListener('change', loadDashboard);
  $('category-filter').addEventListener('change', loadDashboard);
  $('as-of-input').addEventListener('change', applyAsOf);
  $('live-button').addEventListener('click', goLive);
  $('report-form').addEventListener('submit', openReport);
  $('detail-close').addEventListener('click', () => $('detail-dialog').close());
  $('report-year').value = String(new Date().getFullYear());
  showSession();
});
