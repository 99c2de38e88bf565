// FaceAuth admin console: users, API keys, enrollment invitations, applications (OpenID Connect clients), audit log
// and a dashboard, over this server's /api/v1 with an admin key kept in this tab's sessionStorage only. No external
// resources; every text is set with textContent.
'use strict';

const $ = (id) => document.getElementById(id);
const KEY = 'faceauth.adminKey';
const PAGE = 20;
const state = { usersPage: 0, auditPage: 0, selected: null };

function key() {
  return sessionStorage.getItem(KEY) || '';
}

async function api(path, options = {}) {
  const headers = Object.assign({ 'X-API-Key': key() }, options.headers || {});
  const response = await fetch('/api/v1' + path, Object.assign({}, options, { headers }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.blob();
  return { status: response.status, body, ok: response.ok };
}

function problem(body) {
  return body && body.code ? body.code + ': ' + body.detail : 'The request failed.';
}

function say(id, text, ok) {
  $(id).textContent = text;
  $(id).className = ok ? 'ok' : 'fail';
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function showTab(name) {
  document.querySelectorAll('#tabs button').forEach((b) => {
    const current = b.dataset.tab === name;
    if (current) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    $(b.dataset.tab).hidden = !current;
  });
  ({ dashboard: loadDashboard, users: loadUsers, keys: loadKeys, invitations: loadInvitations, clients: loadClients,
    audit: loadAudit })[name]();
}

// Sign in: the key is checked against an admin-only route before the sections open.
async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('admin-key').value.trim());
  const { status, body } = await api('/admin/dashboard');
  if (status !== 200) {
    sessionStorage.removeItem(KEY);
    say('signin-status', status === 403 ? 'This key is not an admin key.'
      : status === 401 ? 'This key was not accepted: check that it is a whole admin key, as it was printed.'
        : problem(body), false);
    return;
  }
  $('admin-key').value = '';
  opened();
}

function opened() {
  say('signin-status', 'Signed in.', true);
  $('tabs').hidden = false;
  $('signout').hidden = false;
  showTab('dashboard');
}

function signOut() {
  sessionStorage.removeItem(KEY);
  $('tabs').hidden = true;
  $('signout').hidden = true;
  ['dashboard', 'users', 'keys', 'invitations', 'clients', 'audit'].forEach((id) => { $(id).hidden = true; });
  say('signin-status', 'Signed out.', true);
}

async function loadDashboard() {
  const { status, body } = await api('/admin/dashboard');
  if (status !== 200) { say('signin-status', problem(body), false); return; }
  const total = body.perMinute.reduce((sum, r) => sum + r.perMinute, 0);
  $('dash-rate').textContent = total.toFixed(2);
  $('dash-p95').textContent = body.p95Millis == null ? 'no recent verifications' : body.p95Millis + ' ms';
  $('dash-spoof').textContent = (body.spoofRate * 100).toFixed(1) + ' %';
  $('dash-locked').textContent = String(body.lockedUsers);
  const rows = $('dash-outcomes');
  rows.replaceChildren();
  body.verifications.forEach((c, i) => {
    const row = document.createElement('tr');
    cell(row, c.outcome);
    cell(row, c.count);
    cell(row, body.perMinute[i].perMinute.toFixed(2));
    rows.appendChild(row);
  });
  if (body.verifications.length === 0) {
    const row = document.createElement('tr');
    cell(row, 'No verification yet.').colSpan = 3;
    rows.appendChild(row);
  }
}

function userQuery() {
  const params = new URLSearchParams({ page: state.usersPage, size: PAGE });
  if ($('user-q').value.trim()) params.set('q', $('user-q').value.trim());
  if ($('user-status').value) params.set('disabled', $('user-status').value);
  if ($('user-locked').value) params.set('locked', $('user-locked').value);
  if ($('user-enrolled').value) params.set('enrolled', $('user-enrolled').value);
  return params;
}

async function loadUsers() {
  const { status, body } = await api('/admin/users?' + userQuery());
  if (status !== 200) { say('users-status', problem(body), false); return; }
  const rows = $('user-rows');
  rows.replaceChildren();
  body.items.forEach((u) => {
    const row = document.createElement('tr');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'secondary';
    open.textContent = u.userId;
    open.setAttribute('aria-label', 'Open user ' + u.userId);
    open.addEventListener('click', () => showUser(u.userId));
    cell(row, '').appendChild(open);
    cell(row, u.displayName);
    cell(row, u.status);
    cell(row, u.templates);
    cell(row, u.locked ? 'until ' + u.lockedUntil : 'no');
    rows.appendChild(row);
  });
  $('user-count').textContent = 'Users ' + (body.total === 0 ? '(none)' : (body.page * body.size + 1) + '–'
    + (body.page * body.size + body.items.length) + ' of ' + body.total);
  $('user-prev').disabled = body.page === 0;
  $('user-next').disabled = (body.page + 1) * body.size >= body.total;
}

async function showUser(id) {
  const { status, body } = await api('/admin/users/' + encodeURIComponent(id));
  if (status !== 200) { say('users-status', problem(body), false); return; }
  state.selected = body.userId;
  $('detail-title').textContent = 'User ' + body.userId;
  const fields = [
    ['Name', body.displayName], ['Email', body.email], ['Status', body.status],
    ['Templates', body.templates], ['Mean template quality', body.meanQuality],
    ['Consent recorded', body.consentAt || 'no'], ['Last successful verification', body.lastVerifiedAt || 'never'],
    ['Locked', body.locked ? 'until ' + body.lockedUntil : 'no'], ['Created', body.createdAt],
  ];
  const list = $('detail-fields');
  list.replaceChildren();
  fields.forEach(([name, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value == null ? '–' : String(value);
    list.append(dt, dd);
  });
  $('detail-disable').disabled = body.status === 'disabled';
  $('detail-enable').disabled = body.status !== 'disabled';
  $('user-detail').hidden = false;
}

async function userAction(path, done) {
  const id = state.selected;
  const { status, body } = await api('/' + path.replace('{id}', encodeURIComponent(id)), { method: 'POST' });
  if (status !== 200) { say('users-status', problem(body), false); return; }
  await showUser(id);
  await loadUsers();
  say('users-status', done(id, body), true);
}

async function erase() {
  const id = state.selected;
  $('confirm-text').textContent = 'Erasing ' + id + ' deletes their templates and files for good; '
    + 'the audit log keeps a pseudonym.';
  $('confirm-input').value = '';
  $('confirm').showModal();
  $('confirm-input').focus();
  const choice = await new Promise((resolve) => $('confirm').addEventListener('close',
    () => resolve($('confirm').returnValue), { once: true }));
  if (choice !== 'ok' || $('confirm-input').value !== id) {
    say('users-status', 'Not erased: ' + (choice === 'ok' ? 'the id typed did not match.' : 'cancelled.'), false);
    return;
  }
  const { status, body } = await api('/users/' + encodeURIComponent(id), { method: 'DELETE' });
  if (status !== 204) { say('users-status', problem(body), false); return; }
  $('user-detail').hidden = true;
  state.selected = null;
  await loadUsers();
  say('users-status', 'Erased ' + id + '.', true);
}

async function loadKeys() {
  const { status, body } = await api('/admin/keys');
  if (status !== 200) { say('keys-status', problem(body), false); return; }
  const rows = $('key-rows');
  rows.replaceChildren();
  body.items.forEach((k) => {
    const row = document.createElement('tr');
    cell(row, k.name);
    cell(row, k.role);
    cell(row, k.createdAt);
    cell(row, k.active ? 'active' : 'revoked ' + k.revokedAt);
    const actions = cell(row, '');
    if (k.active) {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'danger';
      revoke.textContent = 'Revoke';
      revoke.setAttribute('aria-label', 'Revoke key ' + k.name + ' (' + k.id + ')');
      revoke.addEventListener('click', () => revokeKey(k));
      actions.appendChild(revoke);
    }
    rows.appendChild(row);
  });
}

async function createKey(event) {
  event.preventDefault();
  const { status, body } = await api('/admin/keys', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: $('key-name').value.trim(), role: $('key-role').value }),
  });
  if (status !== 201) { say('keys-status', problem(body), false); return; }
  $('key-secret-value').textContent = body.secret;
  $('key-secret').hidden = false;
  $('key-name').value = '';
  await loadKeys();
  say('keys-status', 'Created ' + body.key.role + ' key ' + body.key.name + '.', true);
}

async function revokeKey(k) {
  if (!window.confirm('Revoke the key "' + k.name + '"? Clients using it are refused at once.')) return;
  const { status, body } = await api('/admin/keys/' + encodeURIComponent(k.id), { method: 'DELETE' });
  if (status !== 204) { say('keys-status', problem(body), false); return; }
  $('key-secret').hidden = true;
  await loadKeys();
  say('keys-status', 'Revoked ' + k.name + '.', true);
}

async function loadInvitations() {
  const { status, body } = await api('/admin/invitations');
  if (status !== 200) { say('invitations-status', problem(body), false); return; }
  const rows = $('invitation-rows');
  rows.replaceChildren();
  body.items.forEach((i) => {
    const row = document.createElement('tr');
    cell(row, i.userId);
    cell(row, i.displayName);
    cell(row, i.status);
    cell(row, i.createdAt);
    cell(row, i.expiresAt);
    cell(row, i.usedAt);
    const actions = cell(row, '');
    if (i.status === 'pending') {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'danger';
      revoke.textContent = 'Revoke';
      revoke.setAttribute('aria-label', 'Revoke the invitation of ' + i.userId + ' (' + i.id + ')');
      revoke.addEventListener('click', () => revokeInvitation(i));
      actions.appendChild(revoke);
    }
    rows.appendChild(row);
  });
}

async function loadClients() {
  const { status, body } = await api('/admin/clients');
  if (status !== 200) { say('clients-status', problem(body), false); return; }
  const rows = $('client-rows');
  rows.replaceChildren();
  body.items.forEach((c) => {
    const row = document.createElement('tr');
    cell(row, c.name);
    cell(row, c.clientId);
    cell(row, c.type);
    cell(row, c.redirectUris.join(' '));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'danger';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete application ' + c.name + ' (' + c.clientId + ')');
    remove.addEventListener('click', () => deleteClient(c));
    cell(row, '').appendChild(remove);
    rows.appendChild(row);
  });
}

async function createInvitation(event) {
  event.preventDefault();
  const request = { userId: $('invitation-user').value.trim() };
  if ($('invitation-name').value.trim()) request.displayName = $('invitation-name').value.trim();
  if ($('invitation-minutes').value) request.expiresInMinutes = Number($('invitation-minutes').value);
  if ($('invitation-replace').checked) request.replaceExisting = true;
  const { status, body } = await api('/admin/invitations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (status !== 201) { say('invitations-status', problem(body), false); return; }
  $('invitation-link-value').textContent = body.url;
  $('invitation-link').hidden = false;
  $('invitation-user').value = '';
  $('invitation-name').value = '';
  await loadInvitations();
  say('invitations-status', 'Invited ' + body.invitation.userId + ' until ' + body.invitation.expiresAt + '.', true);
}

async function copyInvitationLink() {
  try {
    await navigator.clipboard.writeText($('invitation-link-value').textContent);
    say('invitations-status', 'Link copied.', true);
  } catch (e) {
    say('invitations-status', 'Copying is not allowed here; select the link and copy it.', false);
  }
}

async function revokeInvitation(i) {
  if (!window.confirm('Revoke the invitation of "' + i.userId + '"? Its link stops working at once.')) return;
  const { status, body } = await api('/admin/invitations/' + encodeURIComponent(i.id), { method: 'DELETE' });
  if (status !== 204) { say('invitations-status', problem(body), false); return; }
  $('invitation-link').hidden = true;
  await loadInvitations();
  say('invitations-status', 'Revoked the invitation of ' + i.userId + '.', true);
}

async function createClient(event) {
  event.preventDefault();
  const { status, body } = await api('/admin/clients', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: $('client-name').value.trim(), type: $('client-type').value, scopes: ['openid'],
      redirectUris: [$('client-redirect').value.trim()] }),
  });
  if (status !== 201) { say('clients-status', problem(body), false); return; }
  $('client-secret-value').textContent = body.clientSecret || '';
  $('client-secret').hidden = !body.clientSecret;
  $('client-name').value = '';
  $('client-redirect').value = '';
  await loadClients();
  say('clients-status', 'Registered ' + body.client.name + ' as ' + body.client.clientId + '.', true);
}

async function deleteClient(c) {
  if (!window.confirm('Delete the application "' + c.name + '"? Its logins in progress fail.')) return;
  const { status, body } = await api('/admin/clients/' + encodeURIComponent(c.clientId), { method: 'DELETE' });
  if (status !== 204) { say('clients-status', problem(body), false); return; }
  $('client-secret').hidden = true;
  await loadClients();
  say('clients-status', 'Deleted ' + c.name + '.', true);
}

function auditQuery(page, size) {
  const params = new URLSearchParams({ page, size });
  if ($('audit-user').value.trim()) params.set('user', $('audit-user').value.trim());
  if ($('audit-action').value) params.set('action', $('audit-action').value);
  if ($('audit-outcome').value.trim()) params.set('outcome', $('audit-outcome').value.trim());
  if ($('audit-from').value) params.set('from', new Date($('audit-from').value + 'Z').toISOString());
  if ($('audit-to').value) params.set('to', new Date($('audit-to').value + 'Z').toISOString());
  return params;
}

async function loadAudit() {
  const { status, body } = await api('/admin/audit?' + auditQuery(state.auditPage, PAGE));
  if (status !== 200) { say('audit-status', problem(body), false); return; }
  const rows = $('audit-rows');
  rows.replaceChildren();
  body.items.forEach((e) => {
    const row = document.createElement('tr');
    cell(row, e.at);
    cell(row, e.action);
    cell(row, e.subject);
    cell(row, e.outcome);
    cell(row, e.score == null ? '' : e.score.toFixed(3));
    cell(row, e.actor);
    rows.appendChild(row);
  });
  $('audit-count').textContent = 'Events ' + (body.total === 0 ? '(none)' : (body.page * body.size + 1) + '–'
    + (body.page * body.size + body.items.length) + ' of ' + body.total);
  $('audit-prev').disabled = body.page === 0;
  $('audit-next').disabled = (body.page + 1) * body.size >= body.total;
  say('audit-status', '', true);
}

async function exportAudit(format) {
  const params = auditQuery(0, 10000);
  params.set('format', format);
  const { status, body } = await api('/admin/audit/export?' + params);
  if (status !== 200) { say('audit-status', problem(body), false); return; }
  const blob = body instanceof Blob ? body : new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'faceauth-audit.' + format;
  link.click();
  URL.revokeObjectURL(link.href);
  say('audit-status', 'Exported the first 10000 matching events as ' + format.toUpperCase() + '.', true);
}

$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', signOut);
document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
$('dash-refresh').addEventListener('click', loadDashboard);
$('user-search').addEventListener('submit', (e) => { e.preventDefault(); state.usersPage = 0; loadUsers(); });
$('user-prev').addEventListener('click', () => { state.usersPage -= 1; loadUsers(); });
$('user-next').addEventListener('click', () => { state.usersPage += 1; loadUsers(); });
$('detail-disable').addEventListener('click',
  () => userAction('admin/users/{id}/disable', (id) => 'Disabled ' + id + '.'));
$('detail-enable').addEventListener('click',
  () => userAction('admin/users/{id}/enable', (id) => 'Enabled ' + id + '.'));
$('detail-unlock').addEventListener('click', () => userAction('users/{id}/unlock',
  (id, body) => (body.cleared ? 'Unlocked ' : 'Nothing to unlock for ') + id + '.'));
$('detail-erase').addEventListener('click', erase);
$('key-create').addEventListener('submit', createKey);
$('invitation-create').addEventListener('submit', createInvitation);
$('invitation-copy').addEventListener('click', copyInvitationLink);
$('client-create').addEventListener('submit', createClient);
$('audit-search').addEventListener('submit', (e) => { e.preventDefault(); state.auditPage = 0; loadAudit(); });
$('audit-prev').addEventListener('click', () => { state.auditPage -= 1; loadAudit(); });
$('audit-next').addEventListener('click', () => { state.auditPage += 1; loadAudit(); });
$('audit-csv').addEventListener('click', () => exportAudit('csv'));
$('audit-json').addEventListener('click', () => exportAudit('json'));
if (key()) opened();
